namespace Honk.Testing;

/// <summary>
/// A real git repository in a temp folder for tests: <c>git init</c> on branch <c>main</c>, the given files, and an
/// initial commit by a fixed identity at a fixed date (so commit ids are the same on every run). Git runs isolated from
/// the machine's global configuration. Deleted on dispose.
/// </summary>
public sealed class TemporaryGitRepository : IAsyncDisposable, IDisposable
{
    private readonly TemporaryDirectory _directory;

    private TemporaryGitRepository(TemporaryDirectory directory, string initialCommit)
    {
        _directory = directory;
        InitialCommit = initialCommit;
    }

    /// <summary>The name git records as author and committer.</summary>
    public static string AuthorName => GitProcess.AuthorName;

    /// <summary>The e-mail address git records as author and committer.</summary>
    public static string AuthorEmail => GitProcess.AuthorEmail;

    /// <summary>The repository's root folder.</summary>
    public string Path => _directory.Path;

    /// <summary>The id of the initial commit.</summary>
    public string InitialCommit { get; }

    /// <summary>Creates a repository with <paramref name="files"/> (a README.md when none) committed on <c>main</c>.</summary>
    /// <param name="files">Relative path ('/' separated) to content.</param>
    /// <param name="cancellationToken">Cancels the git commands.</param>
    /// <returns>The repository.</returns>
    public static async Task<TemporaryGitRepository> CreateAsync(
        IReadOnlyDictionary<string, string>? files = null, CancellationToken cancellationToken = default)
    {
        var directory = new TemporaryDirectory("honk-repo");
        try
        {
            await GitProcess.RunAsync(directory.Path, ["init", "--quiet", "--initial-branch=main"], cancellationToken: cancellationToken).ConfigureAwait(false);
            await GitProcess.RunAsync(directory.Path, ["config", "user.name", GitProcess.AuthorName], cancellationToken: cancellationToken).ConfigureAwait(false);
            await GitProcess.RunAsync(directory.Path, ["config", "user.email", GitProcess.AuthorEmail], cancellationToken: cancellationToken).ConfigureAwait(false);
            await GitProcess.RunAsync(directory.Path, ["config", "commit.gpgsign", "false"], cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var (path, content) in files is { Count: > 0 } ? files : new Dictionary<string, string> { ["README.md"] = "# test\n" })
            {
                directory.WriteFile(path, content);
            }

            await GitProcess.RunAsync(directory.Path, ["add", "--all"], cancellationToken: cancellationToken).ConfigureAwait(false);
            await GitProcess.RunAsync(directory.Path, ["commit", "--quiet", "--message", "Initial commit"], cancellationToken: cancellationToken).ConfigureAwait(false);
            var head = await GitProcess.RunAsync(directory.Path, ["rev-parse", "HEAD"], cancellationToken: cancellationToken).ConfigureAwait(false);
            return new TemporaryGitRepository(directory, head.Trim());
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>Writes a file (UTF-8, no BOM) without staging it.</summary>
    /// <param name="relativePath">The path inside the repository.</param>
    /// <param name="content">The content.</param>
    /// <returns>The absolute path.</returns>
    public string WriteFile(string relativePath, string content) => _directory.WriteFile(relativePath, content);

    /// <summary>Reads a file of the working tree.</summary>
    /// <param name="relativePath">The path inside the repository.</param>
    /// <returns>The content.</returns>
    public string ReadFile(string relativePath) => _directory.ReadFile(relativePath);

    /// <summary>Deletes a file of the working tree.</summary>
    /// <param name="relativePath">The path inside the repository.</param>
    public void DeleteFile(string relativePath) => File.Delete(_directory.Combine(relativePath));

    /// <summary>Stages everything and commits it.</summary>
    /// <param name="message">The commit message.</param>
    /// <param name="cancellationToken">Cancels the git commands.</param>
    /// <returns>The new commit's id.</returns>
    public async Task<string> CommitAllAsync(string message, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        await RunGitAsync(["add", "--all"], cancellationToken).ConfigureAwait(false);
        await RunGitAsync(["commit", "--quiet", "--allow-empty", "--message", message], cancellationToken).ConfigureAwait(false);
        return await GetHeadAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes files and commits them.</summary>
    /// <param name="files">Relative path to content.</param>
    /// <param name="message">The commit message.</param>
    /// <param name="cancellationToken">Cancels the git commands.</param>
    /// <returns>The new commit's id.</returns>
    public Task<string> CommitFilesAsync(IReadOnlyDictionary<string, string> files, string message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var (path, content) in files)
        {
            WriteFile(path, content);
        }

        return CommitAllAsync(message, cancellationToken);
    }

    /// <summary>The id of <c>HEAD</c>.</summary>
    /// <param name="cancellationToken">Cancels the git command.</param>
    /// <returns>The commit id.</returns>
    public async Task<string> GetHeadAsync(CancellationToken cancellationToken = default)
        => (await RunGitAsync(["rev-parse", "HEAD"], cancellationToken).ConfigureAwait(false)).Trim();

    /// <summary>The working tree's status as <c>git status --porcelain</c> lines, e.g. <c>" M src/a.cs"</c>, <c>"?? new.txt"</c>.</summary>
    /// <param name="cancellationToken">Cancels the git command.</param>
    /// <returns>The lines; empty when the tree is clean.</returns>
    public async Task<IReadOnlyList<string>> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        var output = await RunGitAsync(["status", "--porcelain=v1", "--untracked-files=all"], cancellationToken).ConfigureAwait(false);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Runs a git command in the repository (isolated configuration, fixed identity and date).</summary>
    /// <param name="arguments">The arguments after <c>git</c>.</param>
    /// <param name="cancellationToken">Cancels the command; the process is killed.</param>
    /// <returns>Its standard output.</returns>
    /// <exception cref="InvalidOperationException">git exited with a non-zero code (the message holds its error output).</exception>
    public Task<string> RunGitAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return GitProcess.RunAsync(Path, arguments, cancellationToken: cancellationToken);
    }

    /// <summary>Deletes the repository.</summary>
    public void Dispose() => _directory.Dispose();

    /// <summary>Deletes the repository.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}
