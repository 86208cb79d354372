using Honk.Git;
using Honk.UnixFiles;

namespace Honk.Tools.Files;

/// <summary>
/// Lists the files under a folder that .gitignore does not exclude: <c>git ls-files --cached --others
/// --exclude-standard</c> in a git repository, otherwise a walk that skips <c>.git</c>, <c>bin</c>, <c>obj</c> and
/// <c>node_modules</c>. Symbolic links are listed but never followed; special files are left out.
/// </summary>
internal static class WorkspaceFileLister
{
    /// <summary>Folders the walk skips when the workspace is not a git repository.</summary>
    public static IReadOnlyList<string> SkippedFolders { get; } = [".git", "bin", "obj", "node_modules"];

    /// <summary>Lists files.</summary>
    /// <param name="fence">The workspace fence.</param>
    /// <param name="folder">The folder to list (fenced).</param>
    /// <param name="options">The tool options (git path, time limit).</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>Root-relative '/' paths, sorted ordinally, and whether git produced them.</returns>
    public static async Task<(IReadOnlyList<string> Files, bool FromGit)> ListAsync(
        WorkspaceFence fence, FencedPath folder, BuiltInToolsOptions options, CancellationToken cancellationToken)
    {
        var fromGit = await TryListWithGitAsync(fence.RootPath, folder.RelativePath, options, cancellationToken).ConfigureAwait(false);
        if (fromGit is not null)
        {
            return (fromGit, true);
        }

        var files = new List<string>();
        Walk(fence.RootPath, folder.RelativePath, files, cancellationToken);
        files.Sort(StringComparer.Ordinal);
        return (files, false);
    }

    /// <summary>True when a file-system entry should be listed or searched: a regular file or a symbolic link.</summary>
    /// <param name="fullPath">The absolute path.</param>
    /// <param name="regularOnly">True to leave symbolic links out too (for reading content).</param>
    /// <returns>Whether it is listed.</returns>
    public static bool IsListable(string fullPath, bool regularOnly = false)
        => UnixFileStatus.TryGet(fullPath)?.Kind is UnixFileKind.Regular
            || (!regularOnly && UnixFileStatus.TryGet(fullPath)?.Kind is UnixFileKind.SymbolicLink);

    /// <summary>Environment for git: never look above the workspace for a repository, take pathspecs literally.</summary>
    /// <param name="root">The workspace root.</param>
    /// <returns>The variables.</returns>
    public static Dictionary<string, string> GitEnvironment(string root) => new()
    {
        ["GIT_CEILING_DIRECTORIES"] = Path.GetDirectoryName(root) ?? "/",
        ["GIT_LITERAL_PATHSPECS"] = "1",
        ["GIT_OPTIONAL_LOCKS"] = "0",
        ["GIT_TERMINAL_PROMPT"] = "0",
    };

    private static async Task<List<string>?> TryListWithGitAsync(string root, string folder, BuiltInToolsOptions options, CancellationToken cancellationToken)
    {
        if (!Path.Exists(Path.Combine(root, ".git")))
        {
            return null;
        }

        // core.fsmonitor could name a program to run; a repository's own config must not make listing run code.
        List<string> arguments = ["-c", "core.fsmonitor=false", "-c", "core.quotepath=off", "ls-files", "-z", "--cached", "--others", "--exclude-standard"];
        if (folder != ".")
        {
            arguments.AddRange(["--", folder]);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var git = new GitRunner(new GitRunnerOptions { Executable = options.GitPath, DefaultTimeout = options.Timeout });
        try
        {
            var command = new GitCommand(root, arguments) { Environment = GitEnvironment(root), Observer = new RecordObserver(seen) };
            var result = await git.RunAsync(command, cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                return null;
            }
        }
        catch (GitException ex) when (!ex.TimedOut)
        {
            // git is not installed: the walk lists the files instead.
            return null;
        }
        catch (GitException ex)
        {
            throw new TimeoutException(ex.Message, ex);
        }

        var files = seen.Where(f => IsListable(Path.Combine(root, f))).ToList();
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private static void Walk(string root, string folder, List<string> files, CancellationToken cancellationToken)
    {
        var pending = new Stack<string>();
        pending.Push(folder == "." ? "" : folder);
        var enumeration = new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = 0, RecurseSubdirectories = false };
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var relative = pending.Pop();
            var full = relative.Length == 0 ? root : Path.Combine(root, relative);
            foreach (var entry in Directory.EnumerateFileSystemEntries(full, "*", enumeration))
            {
                var name = Path.GetFileName(entry);
                var entryRelative = relative.Length == 0 ? name : relative + "/" + name;
                switch (UnixFileStatus.TryGet(entry)?.Kind)
                {
                    case UnixFileKind.Directory when !SkippedFolders.Contains(name, StringComparer.OrdinalIgnoreCase):
                        pending.Push(entryRelative);
                        break;
                    case UnixFileKind.Regular or UnixFileKind.SymbolicLink:
                        files.Add(entryRelative);
                        break;
                }
            }
        }
    }

    /// <summary>Collects the NUL-separated paths of <c>ls-files -z</c> as they arrive.</summary>
    private sealed class RecordObserver(HashSet<string> seen) : IGitOutputObserver
    {
        private readonly System.Text.StringBuilder _record = new();

        public bool OnOutput(GitOutputStream stream, ReadOnlySpan<char> chunk)
        {
            if (stream != GitOutputStream.StandardOutput)
            {
                return true;
            }

            foreach (var c in chunk)
            {
                if (c == '\0')
                {
                    Add();
                }
                else
                {
                    _record.Append(c);
                }
            }

            return true;
        }

        public void OnCompleted(GitOutputStream stream)
        {
            if (stream == GitOutputStream.StandardOutput)
            {
                Add();
            }
        }

        private void Add()
        {
            if (_record.Length > 0)
            {
                seen.Add(_record.ToString());
                _record.Clear();
            }
        }
    }
}
