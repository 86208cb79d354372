using Honk.Tasks;
using Honk.Testing;

namespace Honk.Campaigns.Tests;

/// <summary>
/// Campaign files as a hostile author writes them: targets git would read as options or helpers, file:// URLs,
/// endless target files, the same repository spelled twice. Each is refused while parsing, before anything runs.
/// </summary>
[Trait("Category", "Security")]
public sealed class HostileCampaignFileTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("--upload-pack=touch /tmp/x@y:z", "starts with '-'")]
    [InlineData("-c", "starts with '-'")]
    [InlineData("ext::sh -c touch% /tmp/x@y:z", "remote-helper")]
    [InlineData("ext::sh -c touch% /tmp/x", "remote-helper")]
    [InlineData("fd::17", "remote-helper")]
    [InlineData("ftp://127.0.0.1/r.git", "scheme 'ftp'")]
    [InlineData("ssh://-oProxyCommand=touch%20/tmp/x/r", "not a valid ssh:// URL")]
    [InlineData("git@-oProxyCommand=touch:r.git", "no valid host")]
    [InlineData("repos/a\u001b]0;title\u0007", "control character")]
    public void Parse_TargetGitWouldMisread_IsRefusedNamingIt(string target, string reason)
    {
        foreach (var folder in new[] { _folder.Path, null })
        {
            var text = $"---\ntargets:\n  - \"{Escape(target)}\"\n---\nDo it.\n";
            var ex = Assert.Throws<TaskFileException>(() => folder is null ? CampaignFile.ParseUnresolved(text) : CampaignFile.Parse(text, "c.md", folder));
            var error = Assert.Single(ex.Errors);
            Assert.Equal(3, error.Line);
            Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Parse_OrdinaryTargets_AreAccepted()
    {
        var file = CampaignFile.Parse(
            "---\ntargets:\n  - repos/a\n  - ./-dashed\n  - https://127.0.0.1/o/a.git\n  - ssh://127.0.0.1/o/b.git\n  - git@127.0.0.1:o/c.git\n  - git://127.0.0.1/d.git\n  - ssh://git@127.0.0.1/o/e.git\n---\nDo it.\n",
            "c.md", _folder.Path);
        Assert.Equal(7, file.Targets.Count);
        Assert.Equal(Path.Combine(_folder.Path, "-dashed"), file.Targets[1]);
    }

    [Fact]
    public void Parse_OneRepositorySpelledTwoWays_IsListedTwice()
    {
        var ex = Assert.Throws<TaskFileException>(() => CampaignFile.Parse(
            "---\ntargets:\n  - https://127.0.0.1/o/r\n  - https://127.0.0.1/o/r.git\n  - HTTPS://127.0.0.1/o/r/\n  - git@127.0.0.1:o/r.git\n  - repos/a\n  - repos/./a/\n  - https://127.0.0.1/o/other\n---\nDo it.\n",
            "c.md", _folder.Path));
        Assert.Equal(4, ex.Errors.Count(e => e.Message.Contains("listed twice", StringComparison.Ordinal)));
        Assert.Equal(4, ex.Errors.Count);
    }

    [Fact]
    public void Parse_TargetsFileOfAnEndlessDevice_EndsWithAClearError()
    {
        var ex = Assert.Throws<TaskFileException>(() => CampaignFile.Parse("---\ntargets_file: /dev/zero\n---\nDo it.\n", "c.md", _folder.Path));
        Assert.Contains("longer than", Assert.Single(ex.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_AnEndlessDevice_EndsWithAClearError()
    {
        var ex = await Assert.ThrowsAsync<TaskFileException>(() => CampaignFile.LoadAsync("/dev/zero", TestContext.Current.CancellationToken));
        Assert.Contains(ex.Errors, e => e.Message.Contains("longer than", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ManyBadTargets_ListsAScreenfulAndCountsTheRest()
    {
        var lines = string.Join('\n', Enumerable.Range(0, 5000).Select(i => $"--upload-pack=x{i}"));
        File.WriteAllText(_folder.Combine("targets.txt"), lines);
        var ex = Assert.Throws<TaskFileException>(() => CampaignFile.Parse("---\ntargets_file: targets.txt\n---\nDo it.\n", "c.md", _folder.Path));
        Assert.Equal(21, ex.Errors.Count);
        Assert.Contains("4,980 more", ex.Errors[^1].Message, StringComparison.Ordinal);
    }

    private static string Escape(string text)
        => string.Concat(text.Select(c => c switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            < ' ' => $"\\x{(int)c:X2}",
            _ => c.ToString(),
        }));
}
