using System.Diagnostics;

namespace Honk.Tools.Tests.Commands;

/// <summary>
/// The end of <c>honk run</c> deletes the released worktree only as long as the user would not notice; a folder that
/// takes longer is finished by a detached <c>rm</c>, and nothing is left behind.
/// </summary>
public sealed class FolderRemovalTests
{
    [Fact]
    public void A_small_folder_is_deleted_before_returning()
    {
        var folder = Populate(files: 20);

        Assert.True(FolderRemoval.Delete(folder, TimeSpan.FromSeconds(30)));

        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task A_folder_not_deleted_in_time_is_still_deleted_after_returning()
    {
        var folder = Populate(files: 2_000);

        // No time to wait at all: the rest is rm's (or this process's thread's, whichever is faster).
        FolderRemoval.Delete(folder, TimeSpan.Zero);

        var clock = Stopwatch.StartNew();
        while (Directory.Exists(folder) && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void A_missing_folder_is_already_gone()
    {
        var folder = Path.Combine(Path.GetTempPath(), "honk-folder-removal-" + Guid.NewGuid().ToString("N"));

        Assert.True(FolderRemoval.Delete(folder, TimeSpan.FromSeconds(30)));
    }

    private static string Populate(int files)
    {
        var folder = Directory.CreateTempSubdirectory("honk-folder-removal-").FullName;
        for (var i = 0; i < files; i++)
        {
            var sub = Path.Combine(folder, "node_modules", "package" + (i % 50));
            Directory.CreateDirectory(sub);
            File.WriteAllText(Path.Combine(sub, $"file{i}.js"), "module.exports = 1;\n");
        }

        return folder;
    }
}
