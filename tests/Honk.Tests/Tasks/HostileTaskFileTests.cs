using System.Text;
using Honk.Tasks;

namespace Honk.Tests.Tasks;

/// <summary>Task files an attacker writes: huge, endless, alias bombs, wrong types. Each is one clear error, quickly.</summary>
[Trait("Category", "Security")]
public sealed class HostileTaskFileTests
{
    [Fact]
    public void Parse_TextOverTheLimit_IsOneClearError()
    {
        var text = "---\ntitle: " + new string('A', TaskFile.MaxLength) + "\n---\nDo it.\n";

        var error = Assert.Single(Assert.Throws<TaskFileException>(() => TaskFile.Parse(text, "huge.md")).Errors);

        Assert.Contains("longer than 1,000,000 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_AnEndlessFile_StopsAtTheLimitWithAClearError()
    {
        // /dev/zero never ends; reading it whole used to hang until memory ran out.
        Assert.SkipUnless(File.Exists("/dev/zero"), "needs /dev/zero");

        var error = await Assert.ThrowsAsync<TaskFileException>(() => TaskFile.LoadAsync("/dev/zero", TestContext.Current.CancellationToken));

        Assert.Contains("longer than 1,000,000 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_AFileJustUnderTheLimit_IsRead()
    {
        var path = Path.Combine(Path.GetTempPath(), "honk-task-" + Guid.NewGuid().ToString("N") + ".md");
        try
        {
            var body = new StringBuilder("Fix it.\n");
            body.Append('x', TaskFile.MaxLength - body.Length - 1).Append('\n');
            await File.WriteAllTextAsync(path, body.ToString(), TestContext.Current.CancellationToken);

            var task = await TaskFile.LoadAsync(path, TestContext.Current.CancellationToken);

            Assert.StartsWith("Fix it.", task.Task.Goal, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Parse_AnAliasBomb_IsRefusedWithoutExpandingIt()
    {
        // Nine levels of nine aliases: 387,420,489 strings if anything expanded it.
        var yaml = new StringBuilder("---\nx0: &a0 [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
        for (var i = 1; i < 9; i++)
        {
            var previous = $"*a{i - 1}";
            yaml.Append($"x{i}: &a{i} [{string.Join(',', Enumerable.Repeat(previous, 9))}]\n");
        }

        yaml.Append("done: *a8\nallowed_paths: *a8\npreconditions: *a8\nexamples: *a8\n---\nDo it.\n");

        var error = Assert.Throws<TaskFileException>(() => TaskFile.Parse(yaml.ToString(), "bomb.md"));

        Assert.True(error.Errors.Count < 200, $"{error.Errors.Count} errors");
        Assert.Contains(error.Errors, e => e.Message.Contains("Unknown front-matter key 'x0'", StringComparison.Ordinal));
    }
}
