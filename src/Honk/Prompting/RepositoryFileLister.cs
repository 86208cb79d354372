using Honk.Git;

namespace Honk.Prompting;

/// <summary>
/// Lists a repository's files as root-relative paths with <c>/</c> separators: through <c>git ls-files</c> when the
/// folder is a git work tree (so ignored build output never counts), otherwise through a capped walk that skips the
/// usual dependency and output folders.
/// </summary>
internal static class RepositoryFileLister
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        ".git", ".hg", ".svn", "node_modules", "bin", "obj", "target", "dist", "build", "out", ".venv", "venv",
        "__pycache__", ".gradle", ".idea", ".vs", "vendor", ".next", ".cache", ".tox",
    };

    private static readonly GitRunner Runner = new();

    public static async Task<(IReadOnlyList<string> Files, bool FromGit, bool Capped)> ListAsync(string root, RepositoryScanOptions options, CancellationToken cancellationToken)
    {
        var fromGit = await TryGitAsync(root, options, cancellationToken).ConfigureAwait(false);
        if (fromGit is not null)
        {
            var capped = fromGit.Count > options.MaxFiles;
            return (capped ? fromGit.GetRange(0, options.MaxFiles) : fromGit, true, capped);
        }

        var walked = Walk(root, options.MaxFiles + 1, cancellationToken);
        var walkCapped = walked.Count > options.MaxFiles;
        return (walkCapped ? walked.GetRange(0, options.MaxFiles) : walked, false, walkCapped);
    }

    // In process (LibGit2Sharp) for a work tree's root: the listing was a git process before every first turn.
    private static readonly GitRepositoryOperations InProcess = GitRepositoryOperations.InProcess(Runner);

    private static async Task<List<string>?> TryGitAsync(string root, RepositoryScanOptions options, CancellationToken cancellationToken)
    {
        if (Directory.Exists(Path.Combine(root, ".git")) || File.Exists(Path.Combine(root, ".git")))
        {
            try
            {
                return [.. await InProcess.ListFilesAsync(root, cancellationToken).ConfigureAwait(false)];
            }
            catch (GitException)
            {
                // Not a work tree libgit2 can read: git itself answers below.
            }
        }

        // A prompt must not depend on the caller's git settings, prompt for anything, or rewrite the index.
        var command = new GitCommand(root, ["-c", "core.quotepath=off", "ls-files", "-z", "--cached", "--others", "--exclude-standard"])
        {
            Timeout = options.GitTimeout,
            Environment = new Dictionary<string, string> { ["GIT_OPTIONAL_LOCKS"] = "0" },
        };
        try
        {
            var result = await Runner.RunAsync(command, cancellationToken).ConfigureAwait(false);
            return result.Succeeded ? [.. result.StandardOutput.Split('\0', StringSplitOptions.RemoveEmptyEntries)] : null;
        }
        catch (GitException)
        {
            // git is missing or too slow: the capped walk lists the files instead.
            return null;
        }
    }

    private static List<string> Walk(string root, int limit, CancellationToken cancellationToken)
    {
        var files = new List<string>();
        var pending = new Queue<string>();
        pending.Enqueue(string.Empty);
        var enumeration = new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        while (pending.Count > 0 && files.Count < limit)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var relative = pending.Dequeue();
            var full = relative.Length == 0 ? root : Path.Combine(root, relative);
            foreach (var file in Directory.EnumerateFiles(full, "*", enumeration).Order(StringComparer.Ordinal))
            {
                files.Add(Join(relative, Path.GetFileName(file)));
                if (files.Count >= limit)
                {
                    return files;
                }
            }

            foreach (var folder in Directory.EnumerateDirectories(full, "*", enumeration).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(folder);
                if (!SkippedFolders.Contains(name))
                {
                    pending.Enqueue(Join(relative, name));
                }
            }
        }

        return files;
    }

    private static string Join(string folder, string name) => folder.Length == 0 ? name : folder + "/" + name;
}
