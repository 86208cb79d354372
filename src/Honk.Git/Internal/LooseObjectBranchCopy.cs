using LibGit2Sharp;

namespace Honk.Git.Internal;

/// <summary>
/// Copies a branch from one local repository into another without a git process: the objects the target lacks are
/// copied as loose object files (a loose object is the same bytes in every repository), then the branch is created or
/// moved with a compare-and-swap. It is what <c>git fetch &lt;from&gt; &lt;commit&gt;:refs/heads/&lt;branch&gt;</c>
/// does for a session's few new objects, which costs git six processes (fetch, a shell, upload-pack, pack-objects,
/// unpack-objects and the connectivity check).
/// </summary>
/// <remarks>
/// Anything out of the ordinary declines (returns false) so the caller fetches with git, which either does it or
/// reports why not in its own words: a needed object that is not loose in the source (packed), a shallow target, a
/// branch checked out in the target or one of its worktrees (git refuses to fetch into it), a branch that moved in
/// between, more objects than a session makes, or a repository libgit2 cannot open.
/// </remarks>
internal static class LooseObjectBranchCopy
{
    // A session's delivery adds a few dozen objects; a larger walk is not what this shortcut is for.
    private const int MaxObjects = 5_000;

    public static bool TryCopy(string target, string from, string commit, string branch, string? expectedOld)
    {
        try
        {
            using var source = new Repository(from);
            using var destination = new Repository(target);
            if (destination.Info.IsShallow || source.Lookup<Commit>(commit) is not { } tip)
            {
                return false;
            }

            var reference = "refs/heads/" + branch;
            if (IsCheckedOut(destination, reference))
            {
                return false;
            }

            var missing = MissingObjects(destination, tip);
            if (missing is null || !CopyLoose(ObjectsFolder(source.Info.Path), ObjectsFolder(destination.Info.Path), missing))
            {
                return false;
            }

            var logMessage = $"fetch {from}: storing head";
            var current = destination.Refs[reference];
            if (expectedOld is null)
            {
                if (current is not null)
                {
                    return false;
                }

                destination.Refs.Add(reference, tip.Id, logMessage, allowOverwrite: false);
                return true;
            }

            if (current?.ResolveToDirectReference()?.TargetIdentifier != expectedOld || current is not DirectReference direct)
            {
                return false;
            }

            // libgit2 writes the new value only if the branch still holds the old one.
            destination.Refs.UpdateTarget(direct, tip.Id, logMessage + " (forced-update)");
            return true;
        }
        catch (Exception ex) when (ex is LibGit2SharpException or IOException or UnauthorizedAccessException)
        {
            // Objects copied so far are harmless (unreferenced; git's gc removes them); git now tries itself.
            return false;
        }
    }

    /// <summary>Whether <paramref name="reference"/> is the HEAD of the repository or of any of its worktrees.</summary>
    private static bool IsCheckedOut(Repository repository, string reference)
    {
        var common = CommonFolder(repository.Info.Path);
        var heads = new List<string> { Path.Combine(common, "HEAD"), Path.Combine(repository.Info.Path, "HEAD") };
        var worktrees = Path.Combine(common, "worktrees");
        if (Directory.Exists(worktrees))
        {
            heads.AddRange(Directory.EnumerateDirectories(worktrees).Select(folder => Path.Combine(folder, "HEAD")));
        }

        return heads.Where(File.Exists).Any(head => File.ReadAllText(head).Trim() == "ref: " + reference);
    }

    /// <summary>The objects reachable from <paramref name="tip"/> that <paramref name="destination"/> lacks; null when too many.</summary>
    private static List<ObjectId>? MissingObjects(Repository destination, Commit tip)
    {
        var have = destination.ObjectDatabase;
        var missing = new List<ObjectId>();
        var seen = new HashSet<ObjectId>();
        var commits = new Stack<Commit>([tip]);
        while (commits.TryPop(out var commit))
        {
            // An object the destination has comes with everything it reaches (a complete, non-shallow repository).
            if (!seen.Add(commit.Id) || have.Contains(commit.Id))
            {
                continue;
            }

            missing.Add(commit.Id);
            var trees = new Stack<Tree>([commit.Tree]);
            while (trees.TryPop(out var tree))
            {
                if (!seen.Add(tree.Id) || have.Contains(tree.Id))
                {
                    continue;
                }

                missing.Add(tree.Id);
                foreach (var entry in tree)
                {
                    switch (entry.TargetType)
                    {
                        case TreeEntryTargetType.Tree:
                            trees.Push((Tree)entry.Target);
                            break;
                        case TreeEntryTargetType.Blob when seen.Add(entry.Target.Id) && !have.Contains(entry.Target.Id):
                            missing.Add(entry.Target.Id);
                            break;
                    }
                }

                if (missing.Count > MaxObjects)
                {
                    return null;
                }
            }

            foreach (var parent in commit.Parents)
            {
                commits.Push(parent);
            }
        }

        return missing;
    }

    /// <summary>Copies each object's loose file; false (nothing referenced yet) when one is not loose in the source.</summary>
    private static bool CopyLoose(string fromObjects, string toObjects, List<ObjectId> objects)
    {
        var files = objects.Select(id => (From: LoosePath(fromObjects, id.Sha), To: LoosePath(toObjects, id.Sha))).ToList();
        if (!files.All(f => File.Exists(f.From)))
        {
            return false;
        }

        // Nothing names these objects until the branch is written, after the last one.
        foreach (var (from, to) in files)
        {
            if (File.Exists(to))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            var temporary = Path.Combine(Path.GetDirectoryName(to)!, "tmp_obj_honk_" + Guid.NewGuid().ToString("N"));
            File.Copy(from, temporary);
            try
            {
                File.Move(temporary, to, overwrite: false);
            }
            catch (IOException) when (File.Exists(to))
            {
                // Written meanwhile by git itself: the same object, the same bytes.
                File.Delete(temporary);
            }
        }

        return true;
    }

    private static string LoosePath(string objects, string sha) => Path.Combine(objects, sha[..2], sha[2..]);

    private static string ObjectsFolder(string gitDirectory) => Path.Combine(CommonFolder(gitDirectory), "objects");

    /// <summary>A linked worktree's git directory names the repository's common one in its <c>commondir</c> file.</summary>
    private static string CommonFolder(string gitDirectory)
    {
        var pointer = Path.Combine(gitDirectory, "commondir");
        return File.Exists(pointer) ? Path.GetFullPath(File.ReadAllText(pointer).Trim(), gitDirectory) : gitDirectory;
    }
}
