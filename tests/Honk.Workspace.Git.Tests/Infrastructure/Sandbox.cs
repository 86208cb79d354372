using Honk.Testing;

namespace Honk.Workspaces.Git.Tests.Infrastructure;

/// <summary>One test's temporary world: a cache folder, upstream repositories and providers over them.</summary>
internal sealed class Sandbox : IDisposable
{
    private readonly TemporaryDirectory _temp = new("honk-git-tests");

    public string Root => _temp.Path;

    public string CacheRoot => _temp.Combine("cache");

    public string Combine(string relativePath) => _temp.Combine(relativePath);

    public GitWorkspaceProvider CreateProvider(Action<GitWorkspaceOptions>? configure = null)
    {
        var options = new GitWorkspaceOptions
        {
            CacheRoot = CacheRoot,
            CommandTimeout = TimeSpan.FromSeconds(60),
            NetworkTimeout = TimeSpan.FromSeconds(60),
        };
        configure?.Invoke(options);
        return new GitWorkspaceProvider(options);
    }

    public string CreateRepository(string name = "upstream", IReadOnlyDictionary<string, string>? files = null)
        => GitTool.InitRepository(_temp.Combine(name), files);

    public static WorkspaceRequest Request(string repository, string? label = null)
        => new(repository, "sess" + Guid.NewGuid().ToString("N")) { Label = label };

    public string[] MirrorFolders()
        => Directory.Exists(Path.Combine(CacheRoot, "mirrors"))
            ? Directory.GetDirectories(Path.Combine(CacheRoot, "mirrors"))
            : [];

    public void Dispose() => _temp.Dispose();
}
