using Honk.Testing;

namespace Honk.Review.Tests;

/// <summary>A temp git repository whose uncommitted changes are diffed the way the git workspace does it.</summary>
internal sealed class GitDiffRepo : IAsyncDisposable
{
    private readonly TemporaryGitRepository _repo;

    private GitDiffRepo(TemporaryGitRepository repo) => _repo = repo;

    public string Root => _repo.Path;

    public static async Task<GitDiffRepo> CreateAsync(IReadOnlyDictionary<string, string> files)
        => new(await TemporaryGitRepository.CreateAsync(files, TestContext.Current.CancellationToken));

    public GitDiffRepo Write(string path, string content)
    {
        _repo.WriteFile(path, content);
        return this;
    }

    public GitDiffRepo Delete(string path)
    {
        _repo.DeleteFile(path);
        return this;
    }

    public GitDiffRepo Move(string from, string to)
    {
        var target = Path.Combine(Root, to);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(Path.Combine(Root, from), target);
        return this;
    }

    public async Task<string> DiffAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await _repo.RunGitAsync(["add", "--all"], ct);
        return await _repo.RunGitAsync(["diff", "--cached", "-M", "--no-ext-diff", "--no-textconv", "--src-prefix=a/", "--dst-prefix=b/", _repo.InitialCommit, "--"], ct);
    }

    public async Task<IReadOnlyList<string>> ChangedFilesAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await _repo.RunGitAsync(["add", "--all"], ct);
        var output = await _repo.RunGitAsync(["-c", "core.quotePath=false", "diff", "--cached", "--name-only", "-M", _repo.InitialCommit, "--"], ct);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public async Task<JudgeContext> ContextAsync(CodingTask? task = null)
        => new("s1", task ?? new CodingTask("Fix the bug."), await DiffAsync(), await ChangedFilesAsync());

    public async Task<UnifiedDiff> ParseAsync() => UnifiedDiff.Parse(await DiffAsync());

    public ValueTask DisposeAsync() => _repo.DisposeAsync();
}
