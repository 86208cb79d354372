using System.IO.Enumeration;

namespace Honk.Git;

/// <summary>
/// Finds git repositories nested in a work tree (a folder below the root holding a <c>.git</c> folder, file or link).
/// Honk never checks out submodules, so a nested repository in a session's work tree was made by the session — and it
/// is dangerous: when its folder is a gitlink in the index, <c>git add</c>, <c>status</c>, <c>diff</c> and
/// <c>commit</c> start a second git inside it, which reads <em>that</em> repository's configuration (clean filters,
/// <c>core.fsmonitor</c>) and runs the programs it names outside the sandbox.
/// </summary>
public static class NestedRepositories
{
    private static readonly EnumerationOptions OneLevel = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = true,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    /// <summary>Lists the nested repositories below <paramref name="workTreeRoot"/> (not the root's own).</summary>
    /// <param name="workTreeRoot">The work tree's root folder.</param>
    /// <param name="limit">Stop after this many.</param>
    /// <returns>Root-relative folder paths with <c>/</c> separators, sorted; empty when there is none.</returns>
    public static IReadOnlyList<string> Find(string workTreeRoot, int limit = 100)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workTreeRoot);
        var root = Path.GetFullPath(workTreeRoot);
        var found = new List<string>();
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0 && found.Count < limit)
        {
            var folder = pending.Pop();
            var subfolders = new List<string>();
            var isRepository = false;

            // Only folders and `.git` entries are materialized: a work tree with node_modules holds many more files
            // than folders, and this runs at every staging and every git tool call. Symbolic links are not followed:
            // git does not descend through them either.
            var entries = new FileSystemEnumerable<(string Path, bool IsGit)>(
                folder,
                (ref FileSystemEntry entry) => (entry.ToFullPath(), entry.FileName.SequenceEqual(".git")),
                OneLevel)
            {
                ShouldIncludePredicate = (ref FileSystemEntry entry) => entry.FileName.SequenceEqual(".git")
                    || (entry.IsDirectory && (entry.Attributes & FileAttributes.ReparsePoint) == 0),
            };
            foreach (var (path, isGit) in entries)
            {
                if (isGit)
                {
                    isRepository = folder != root;
                    continue;
                }

                subfolders.Add(path);
            }

            if (isRepository)
            {
                found.Add(Path.GetRelativePath(root, folder).Replace(Path.DirectorySeparatorChar, '/'));
                continue;
            }

            subfolders.ForEach(pending.Push);
        }

        found.Sort(StringComparer.Ordinal);
        return found;
    }

    /// <summary>
    /// The arguments of <c>git add --all</c> that stage every change except the nested repositories, so staging never
    /// starts git inside one: <c>add --all</c> alone when there is none.
    /// </summary>
    /// <param name="workTreeRoot">The work tree's root folder; git runs there.</param>
    /// <returns>The argument list, starting with <c>add</c>.</returns>
    public static IReadOnlyList<string> AddAllArguments(string workTreeRoot)
    {
        var nested = Find(workTreeRoot, int.MaxValue);
        return nested.Count == 0
            ? ["add", "--all"]
            : ["add", "--all", "--", .. nested.Select(path => ":(top,literal,exclude)" + path)];
    }
}
