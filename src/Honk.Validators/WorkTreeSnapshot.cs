using Honk.Git;

namespace Honk.Validators;

/// <summary>
/// What git sees of a workspace before a validation, so the validation can leave the tree as it found it. A
/// repository's checks may write into its tracked tree: a Makefile whose default target regenerates a committed
/// <c>README.md</c>, test programs built beside their sources and not ignored. Left there, those files would join the
/// session's diff — committed and delivered as if the model had written them, and counted by the baseline as files the
/// change touches. After the validation, a file git saw unchanged before is put back from the index, a file that was
/// not there is deleted, and a file the session had already changed gets its bytes back.
/// </summary>
/// <remarks>
/// Ignored files (build folders, <c>node_modules</c>, <c>.honk</c>) are not looked at: git never delivers them. The
/// snapshot is taken on the host with git (the sandbox does not see the git directory); a workspace that is not a git
/// work tree, or has more than <see cref="MaxDirtyFiles"/> changed files, is left alone.
/// </remarks>
internal sealed class WorkTreeSnapshot
{
    /// <summary>Above this many changed files before the run, no snapshot is taken (bytes are kept in memory).</summary>
    public const int MaxDirtyFiles = 500;

    private const long MaxSnapshotBytes = 64L * 1024 * 1024;

    private static readonly GitRunner Git = new(new GitRunnerOptions { DefaultTimeout = TimeSpan.FromMinutes(2) });

    private readonly string _root;
    private readonly Dictionary<string, byte[]?> _dirty;

    private WorkTreeSnapshot(string root, Dictionary<string, byte[]?> dirty)
    {
        _root = root;
        _dirty = dirty;
    }

    /// <summary>Takes the snapshot, or returns <see langword="null"/> when the workspace is not a git work tree (or too dirty).</summary>
    /// <param name="root">The workspace root.</param>
    /// <param name="cancellationToken">Cancels git.</param>
    /// <returns>The snapshot, or <see langword="null"/>.</returns>
    public static async Task<WorkTreeSnapshot?> TakeAsync(string root, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Path.Combine(root, ".git")) && !File.Exists(Path.Combine(root, ".git")))
        {
            return null;
        }

        var dirty = await DirtyFilesAsync(root, cancellationToken).ConfigureAwait(false);
        if (dirty is null || dirty.Count > MaxDirtyFiles)
        {
            return null;
        }

        var contents = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        long total = 0;
        foreach (var file in dirty)
        {
            var path = Path.Combine(root, file);
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                contents[file] = null;
                continue;
            }

            total += info.Length;
            if (total > MaxSnapshotBytes || info.LinkTarget is not null)
            {
                return null;
            }

            contents[file] = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }

        return new WorkTreeSnapshot(root, contents);
    }

    /// <summary>Puts back every file the validation changed, deleted or added (ignored files aside).</summary>
    /// <param name="cancellationToken">Cancels git.</param>
    /// <returns>The repository-relative files put back, sorted.</returns>
    public async Task<IReadOnlyList<string>> RestoreAsync(CancellationToken cancellationToken)
    {
        if (await ListTaggedAsync(_root, cancellationToken).ConfigureAwait(false) is not { } listed)
        {
            return [];
        }

        var (tracked, untracked) = listed;
        var restored = new List<string>();
        foreach (var file in untracked.Where(f => !_dirty.ContainsKey(f)))
        {
            // A file the checks created and the repository does not ignore: their output, not the change.
            File.Delete(Path.Combine(_root, file));
            restored.Add(file);
        }

        var fromIndex = tracked.Where(f => !_dirty.ContainsKey(f)).Order(StringComparer.Ordinal).ToList();
        if (fromIndex.Count > 0)
        {
            var checkout = await Git.RunAsync(_root, ["checkout-index", "--force", "--", .. fromIndex], cancellationToken).ConfigureAwait(false);
            if (checkout.Succeeded)
            {
                restored.AddRange(fromIndex);
            }
        }

        foreach (var (file, bytes) in _dirty)
        {
            var path = Path.Combine(_root, file);
            HostWrites.RemoveLinksOnTheWay(_root, file);
            if (bytes is null)
            {
                if (File.Exists(path))
                {
                    File.Delete(path);
                    restored.Add(file);
                }

                continue;
            }

            if (!File.Exists(path) || !(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false)).AsSpan().SequenceEqual(bytes))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllBytesAsync(path, bytes, cancellationToken).ConfigureAwait(false);
                restored.Add(file);
            }
        }

        restored.Sort(StringComparer.Ordinal);
        return restored;
    }

    /// <summary>Files that differ from the index, are deleted, or are untracked and not ignored; <see langword="null"/> when git cannot say.</summary>
    private static async Task<HashSet<string>?> DirtyFilesAsync(string root, CancellationToken cancellationToken)
        => await ListAsync(root, ["--modified", "--deleted", "--others", "--exclude-standard"], cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// The changed or deleted tracked files and the untracked files, from one <c>ls-files -t</c> (tag <c>?</c> marks an
    /// untracked file; every other tag a tracked one); <see langword="null"/> when git cannot say.
    /// </summary>
    private static async Task<(HashSet<string> Tracked, HashSet<string> Untracked)?> ListTaggedAsync(string root, CancellationToken cancellationToken)
    {
        var entries = await ListAsync(root, ["-t", "--modified", "--deleted", "--others", "--exclude-standard"], cancellationToken).ConfigureAwait(false);
        if (entries is null)
        {
            return null;
        }

        var tracked = new HashSet<string>(StringComparer.Ordinal);
        var untracked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            // "<tag> <path>"
            if (entry.Length < 3 || entry[1] != ' ')
            {
                return null;
            }

            (entry[0] == '?' ? untracked : tracked).Add(entry[2..]);
        }

        return (tracked, untracked);
    }

    private static async Task<HashSet<string>?> ListAsync(string root, string[] which, CancellationToken cancellationToken)
    {
        try
        {
            var result = await Git.RunAsync(root, ["ls-files", "-z", .. which], cancellationToken).ConfigureAwait(false);
            return result.Succeeded ? [.. result.StandardOutput.Split('\0', StringSplitOptions.RemoveEmptyEntries)] : null;
        }
        catch (GitException)
        {
            return null;
        }
    }
}
