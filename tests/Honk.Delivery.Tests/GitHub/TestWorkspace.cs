namespace Honk.Delivery.Tests.GitHub;

/// <summary>A workspace whose branch, changed files and diff are given (for channels that only read them).</summary>
internal sealed class TestWorkspace(string? branch = null, string diff = "", IReadOnlyList<string>? changedFiles = null) : Workspace
{
    public override string RootPath => "/nonexistent/honk-test-workspace";

    public override string? Branch => branch;

    public override ValueTask<IReadOnlyList<string>> GetChangedFilesAsync(CancellationToken cancellationToken = default)
        => ValueTask.FromResult(changedFiles ?? (IReadOnlyList<string>)[]);

    public override ValueTask<string> GetDiffAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(diff);
}
