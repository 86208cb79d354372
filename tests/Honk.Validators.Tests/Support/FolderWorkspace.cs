namespace Honk.Validators.Tests.Support;

/// <summary>A workspace over a folder whose changed files the test states.</summary>
internal sealed class FolderWorkspace(string root) : Workspace
{
    public override string RootPath { get; } = root;

    public List<string> Changed { get; } = [];

    /// <summary>The commit the "session" started from; <see langword="null"/> for a plain folder.</summary>
    public string? Base { get; init; }

    public override string? BaseCommit => Base;

    /// <summary>How many times the changed files were asked for (each ask is a scan of the repository by its caller).</summary>
    public int ChangedFilesAsked { get; private set; }

    public override ValueTask<IReadOnlyList<string>> GetChangedFilesAsync(CancellationToken cancellationToken = default)
    {
        ChangedFilesAsked++;
        return ValueTask.FromResult<IReadOnlyList<string>>([.. Changed]);
    }

    public override ValueTask<string> GetDiffAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult("");

    public ValidationContext Context(ICommandRunner? runner, int round = 1)
        => new("session-1", new CodingTask("test"), this) { CommandRunner = runner, Round = round };
}
