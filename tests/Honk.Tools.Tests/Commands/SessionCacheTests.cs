namespace Honk.Tools.Tests.Commands;

/// <summary>
/// The sweep of leftover session caches must never take a live one. Found by the campaign kill test: with many
/// sessions starting at once in two processes, one process's sweep read another's marker while it was being written,
/// took the empty path for a gone workspace and deleted a cache a session was using.
/// </summary>
public sealed class SessionCacheTests
{
    private static string Parent => Path.Combine(Path.GetTempPath(), "honk-session-caches");

    [Fact]
    public void Sweep_KeepsACacheWhoseMarkerIsBeingWritten_AndRemovesOneOfAGoneWorkspace()
    {
        Directory.CreateDirectory(Parent);
        var beingWritten = Directory.CreateDirectory(Path.Combine(Parent, "test-" + Guid.NewGuid().ToString("N")[..12])).FullName;
        var leftover = Directory.CreateDirectory(Path.Combine(Parent, "test-" + Guid.NewGuid().ToString("N")[..12])).FullName;
        var workspace = Directory.CreateTempSubdirectory("honk-cache-owner").FullName;
        try
        {
            // Another process has created its marker file but not yet written the path into it.
            File.WriteAllText(Path.Combine(beingWritten, ".honk-workspace"), "");
            File.WriteAllText(Path.Combine(leftover, ".honk-workspace"), Path.Combine(Path.GetTempPath(), "honk-gone-" + Guid.NewGuid().ToString("N")));

            using var cache = new SessionCache(workspace);
            var path = cache.HostPath;

            Assert.True(Directory.Exists(beingWritten), "the sweep deleted a cache whose marker was still being written");
            Assert.False(Directory.Exists(leftover), "the sweep kept the cache of a workspace that is gone");
            Assert.Equal(workspace, File.ReadAllText(Path.Combine(path, ".honk-workspace")));
            Assert.False(File.Exists(Path.Combine(path, ".honk-workspace.new")));
        }
        finally
        {
            Directory.Delete(beingWritten, recursive: true);
            Directory.Delete(workspace, recursive: true);
        }
    }

    [Fact]
    public async Task Dispose_LeavesWhatIsNotDeletedQuicklyToRm_AndTheFolderStillGoes()
    {
        var workspace = Directory.CreateTempSubdirectory("honk-cache-owner").FullName;
        try
        {
            string path;
            using (var cache = new SessionCache(workspace, deleteWait: TimeSpan.Zero))
            {
                path = cache.HostPath;
                for (var i = 0; i < 2_000; i++)
                {
                    File.WriteAllText(Path.Combine(path, $"package-{i}.json"), "{}");
                }
            }

            // Disposing waited for nothing; rm (or the in-process delete it raced) removes the folder after it.
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while (Directory.Exists(path))
            {
                await Task.Delay(20, limit.Token);
            }
        }
        finally
        {
            Directory.Delete(workspace, recursive: true);
        }
    }
}
