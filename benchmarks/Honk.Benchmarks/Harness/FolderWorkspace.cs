namespace Honk.Benchmarks.Harness;

/// <summary>
/// A folder as a workspace for the tool benchmarks: the tools only read <see cref="Workspace.RootPath"/>, and a
/// snapshotting workspace (Honk.Testing's) would copy the whole large corpus into a private object store first.
/// </summary>
internal sealed class FolderWorkspace(string root) : Workspace
{
    public override string RootPath { get; } = root;

    public override ValueTask<IReadOnlyList<string>> GetChangedFilesAsync(CancellationToken cancellationToken = default)
        => ValueTask.FromResult<IReadOnlyList<string>>([]);

    public override ValueTask<string> GetDiffAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult("");
}
