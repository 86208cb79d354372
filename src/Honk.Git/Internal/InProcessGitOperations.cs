using System.Text;
using LibGit2Sharp;

namespace Honk.Git.Internal;

/// <summary>
/// <see cref="GitRepositoryOperations"/> on LibGit2Sharp: each call opens the repository, works in process and
/// disposes it (no cache outlives a call, so commands run in between by the git program are always seen).
/// </summary>
/// <remarks>
/// A repository libgit2 refuses to open (an extension it does not support, such as <c>partialclone</c>) is served by
/// the command line instead; every other libgit2 error becomes a <see cref="GitException"/>.
/// </remarks>
internal sealed class InProcessGitOperations(CommandLineGitOperations fallback) : GitRepositoryOperations
{
    public override string Name => "libgit2";

    public override Task<string?> ResolveCommitAsync(string repository, string revision, CancellationToken cancellationToken)
        => WithRepository(repository, "resolve " + revision, repo => Task.FromResult(ResolveCommit(repo, revision)?.Sha), () => fallback.ResolveCommitAsync(repository, revision, cancellationToken), cancellationToken);

    public override Task<bool> IsValidBranchNameAsync(string name, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // git's check-ref-format --branch also refuses "HEAD" and names starting with '-'; libgit2 checks the rest.
        var valid = name.Length > 0 && !name.StartsWith('-') && name != "HEAD" && Reference.IsValidName("refs/heads/" + name);
        return Task.FromResult(valid);
    }

    public override Task<bool> ReferenceExistsAsync(string repository, string reference, CancellationToken cancellationToken)
        => WithRepository(repository, "read " + reference, repo => Task.FromResult(repo.Refs[reference]?.ResolveToDirectReference()?.Target is not null), () => fallback.ReferenceExistsAsync(repository, reference, cancellationToken), cancellationToken);

    public override Task CreateBranchAsync(string repository, string name, string commit, CancellationToken cancellationToken)
        => WithRepository(
            repository,
            $"create branch {name}",
            repo =>
            {
                if (repo.Refs["refs/heads/" + name] is not null)
                {
                    throw new GitException($"Creating branch '{name}' failed: a branch named '{name}' already exists.");
                }

                repo.Refs.Add("refs/heads/" + name, new ObjectId(commit), "branch: Created from " + commit);
                return Task.FromResult(true);
            },
            async () =>
            {
                await fallback.CreateBranchAsync(repository, name, commit, cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    public override Task<GitStatus> GetStatusAsync(string workTree, CancellationToken cancellationToken)
        => WithRepository(
            workTree,
            "status",
            repo =>
            {
                var status = repo.RetrieveStatus(new StatusOptions
                {
                    IncludeUntracked = true,
                    RecurseUntrackedDirs = true,
                    IncludeIgnored = false,
                    DetectRenamesInIndex = false,
                    DetectRenamesInWorkDir = false,
                });
                var summary = new StringBuilder();
                summary.Append("# head ").Append(repo.Head.CanonicalName).Append(' ').Append(repo.Head.Tip?.Sha ?? "(none)").Append('\n');
                var paths = new List<string>();
                foreach (var entry in status)
                {
                    if (entry.State is FileStatus.Unaltered or FileStatus.Ignored)
                    {
                        continue;
                    }

                    summary.Append((int)entry.State).Append(' ').Append(entry.FilePath).Append('\0');
                    paths.Add(entry.FilePath);
                }

                return Task.FromResult(new GitStatus(summary.ToString(), paths));
            },
            () => fallback.GetStatusAsync(workTree, cancellationToken), cancellationToken);

    public override Task<IReadOnlyList<string>> GetStagedPathsAsync(string workTree, CancellationToken cancellationToken)
        => WithRepository(
            workTree,
            "diff --cached",
            repo =>
            {
                var changes = repo.Diff.Compare<TreeChanges>(repo.Head.Tip?.Tree, DiffTargets.Index);
                var paths = changes.Select(change => change.Status == ChangeKind.Deleted ? change.OldPath : change.Path)
                    .Distinct(StringComparer.Ordinal)
                    .Order(StringComparer.Ordinal)
                    .ToArray();
                return Task.FromResult<IReadOnlyList<string>>(paths);
            },
            () => fallback.GetStagedPathsAsync(workTree, cancellationToken), cancellationToken);

    public override Task<string> CommitAsync(string workTree, string message, GitSignature signature, CancellationToken cancellationToken)
        => WithRepository(
            workTree,
            "commit",
            repo =>
            {
                // git stores dates to the second; so does the command-line path (GIT_*_DATE=@seconds +0000).
                var when = DateTimeOffset.FromUnixTimeSeconds(signature.When.ToUnixTimeSeconds());
                var who = new Signature(signature.Name, signature.Email, when);

                // PrettifyMessage without a comment character is git's --cleanup=whitespace.
                var commit = repo.Commit(message, who, who, new CommitOptions { PrettifyMessage = true, CommentaryChar = null, AllowEmptyCommit = false });
                return Task.FromResult(commit.Sha);
            },
            () => fallback.CommitAsync(workTree, message, signature, cancellationToken), cancellationToken);

    public override Task<IReadOnlyList<string>> GetTrailerValuesAsync(string repository, string revisions, string key, CancellationToken cancellationToken)
        => WithRepository(
            repository,
            "log " + revisions,
            repo =>
            {
                var range = revisions.Split("..", 2);
                var tip = ResolveCommit(repo, range[^1]) ?? throw new GitException($"Reading the trailers of '{revisions}' failed: '{range[^1]}' names no commit.");
                IEnumerable<Commit> commits = [tip];
                if (range.Length == 2)
                {
                    var start = ResolveCommit(repo, range[0]) ?? throw new GitException($"Reading the trailers of '{revisions}' failed: '{range[0]}' names no commit.");
                    commits = repo.Commits.QueryBy(new CommitFilter { IncludeReachableFrom = tip, ExcludeReachableFrom = start, SortBy = CommitSortStrategies.Time });
                }

                var values = commits.SelectMany(commit => Trailers.ValuesOf(commit.Message, key)).ToArray();
                return Task.FromResult<IReadOnlyList<string>>(values);
            },
            () => fallback.GetTrailerValuesAsync(repository, revisions, key, cancellationToken), cancellationToken);

    public override Task<IReadOnlyList<string>> ListFilesAsync(string workTree, CancellationToken cancellationToken)
        => WithRepository(
            workTree,
            "ls-files",
            repo =>
            {
                if (repo.Info.IsBare)
                {
                    throw new GitException($"'{workTree}' is a bare repository; it has no work tree to list.");
                }

                // As ls-files: untracked (not ignored) first, sorted, then the index in its own order. Nothing is written.
                var untracked = repo.RetrieveStatus(new StatusOptions
                {
                    Show = StatusShowOption.WorkDirOnly,
                    IncludeUntracked = true,
                    RecurseUntrackedDirs = true,
                    IncludeIgnored = false,
                    DetectRenamesInWorkDir = false,
                })
                    .Where(entry => entry.State == FileStatus.NewInWorkdir)
                    .Select(entry => entry.FilePath)
                    .Order(StringComparer.Ordinal);
                IReadOnlyList<string> files = [.. untracked, .. repo.Index.Select(entry => entry.Path)];
                return Task.FromResult(files);
            },
            () => fallback.ListFilesAsync(workTree, cancellationToken),
            cancellationToken);

    public override Task<string?> GetConfigValueAsync(string repository, string key, CancellationToken cancellationToken)
        => WithRepository(repository, "config " + key, repo => Task.FromResult(repo.Config.Get<string>(key)?.Value), () => fallback.GetConfigValueAsync(repository, key, cancellationToken), cancellationToken);

    public override async Task<string?> ReadFileAtCommitAsync(string repository, string commit, string path, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Repository repo;
        try
        {
            repo = new Repository(repository);
        }
        catch (LibGit2SharpException)
        {
            // Not the top of a repository (git searches upward), or an extension libgit2 lacks: git reads it.
            return await fallback.ReadFileAtCommitAsync(repository, commit, path, cancellationToken).ConfigureAwait(false);
        }

        using (repo)
        {
            try
            {
                var found = ResolveCommit(repo, commit)
                    ?? throw new GitException($"Reading '{path}' at {commit} failed: '{commit}' names no commit in '{repository}'.");

                // As cat-file blob: the stored bytes (a symbolic link's target text too); a folder or submodule is no file.
                if (found[path]?.Target is not Blob blob)
                {
                    return null;
                }

                // Decoded as the git program's output is (UTF-8, a byte-order mark dropped).
                using var reader = new StreamReader(blob.GetContentStream(), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
                return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (LibGit2SharpException ex)
            {
                throw new GitException($"Reading '{path}' at {commit} in '{repository}' failed: {ex.Message}", ex);
            }
        }
    }

    public override Task<bool> TryCopyBranchAsync(string repository, string from, string commit, string branch, string? expectedOld, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(LooseObjectBranchCopy.TryCopy(repository, from, commit, branch, expectedOld));
    }

    internal static void LoadLibrary()
    {
        try
        {
            // Asking for the build's features is a native call: the library is resolved, loaded and initialized.
            _ = GlobalSettings.Version.Features;
        }
        catch (Exception ex) when (ex is DllNotFoundException or TypeInitializationException or LibGit2SharpException or BadImageFormatException or EntryPointNotFoundException)
        {
            // The first real operation reports it.
        }
    }

    private static Commit? ResolveCommit(Repository repo, string revision)
    {
        try
        {
            return repo.Lookup(revision + "^{commit}") as Commit;
        }
        catch (Exception ex) when (ex is LibGit2SharpException or ArgumentException)
        {
            // Ambiguous or malformed specifications name no commit, as for `rev-parse --verify --quiet`.
            return null;
        }
    }

    private static async Task<T> WithRepository<T>(string path, string what, Func<Repository, Task<T>> work, Func<Task<T>> onUnsupported, CancellationToken cancellationToken)
    {
        // libgit2 calls cannot be interrupted; a cancelled caller never starts one.
        cancellationToken.ThrowIfCancellationRequested();
        Repository repo;
        try
        {
            repo = new Repository(path);
        }
        catch (RepositoryNotFoundException ex)
        {
            throw new GitException($"'{path}' is not a git repository: {ex.Message}", ex);
        }
        catch (LibGit2SharpException)
        {
            // libgit2 refuses repositories with extensions it lacks (partialclone, ...); git itself reads them.
            return await onUnsupported().ConfigureAwait(false);
        }

        using (repo)
        {
            try
            {
                return await work(repo).ConfigureAwait(false);
            }
            catch (LibGit2SharpException ex)
            {
                throw new GitException($"git {what} in '{path}' failed: {ex.Message}", ex);
            }
        }
    }
}
