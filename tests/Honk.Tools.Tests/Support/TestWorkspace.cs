namespace Honk.Tools.Tests.Support;

/// <summary>A plain folder as a workspace (tests only; Honk.Testing has the shipped fakes).</summary>
internal sealed class TestWorkspace(string rootPath) : Workspace
{
    public override string RootPath { get; } = rootPath;

    public override ValueTask<IReadOnlyList<string>> GetChangedFilesAsync(CancellationToken cancellationToken = default)
        => ValueTask.FromResult<IReadOnlyList<string>>([]);

    public override ValueTask<string> GetDiffAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult("");
}
