using Honk.Globbing;

namespace Honk.Tools;

/// <summary>Finds the files and output folders of a <see cref="ManifestView"/> in a workspace.</summary>
internal static class ManifestFinder
{
    private const int MaxManifests = 20_000;

    /// <summary>Lists the manifests (regular files, no links) and creates the output folders beside their owners.</summary>
    /// <param name="root">The resolved workspace root.</param>
    /// <param name="view">The view.</param>
    /// <returns>The manifest files and the output folders, as full paths inside the root.</returns>
    /// <exception cref="ToolException">The workspace has more manifests than a sandbox can mount.</exception>
    public static (List<string> Files, List<string> OutputFolders) Find(string root, ManifestView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var skipped = new HashSet<string>(view.OutputFolders.Append(".git"), StringComparer.Ordinal);
        var manifests = Globs(view.Manifests);
        var owners = Globs(view.OutputOwners);
        var options = new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        var files = new List<string>();
        var outputs = new List<string>();
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos("*", options))
            {
                if (entry is DirectoryInfo directory)
                {
                    if (!skipped.Contains(directory.Name))
                    {
                        pending.Push(directory.FullName);
                    }

                    continue;
                }

                if (!Matches(entry.Name, manifests) || entry.LinkTarget is not null)
                {
                    continue;
                }

                files.Add(entry.FullName);
                if (files.Count > MaxManifests)
                {
                    throw new ToolException($"The workspace has more than {MaxManifests} manifest files; a restore view cannot mount them all.");
                }

                if (Matches(entry.Name, owners))
                {
                    AddOutputs(folder, view.OutputFolders, outputs);
                }
            }
        }

        return (files, outputs.Distinct(StringComparer.Ordinal).ToList());
    }

    private static void AddOutputs(string folder, IReadOnlyList<string> names, List<string> outputs)
    {
        foreach (var name in names)
        {
            var output = Path.Combine(folder, name);
            if (new DirectoryInfo(output).LinkTarget is not null || File.Exists(output))
            {
                // A link could point the writable mount anywhere on the host; a file is not a folder to write into.
                continue;
            }

            Directory.CreateDirectory(output);
            outputs.Add(output);
        }
    }

    // Honk's one glob, without regard to case: restores find NuGet.Config and nuget.config alike.
    private static List<PathGlob> Globs(IReadOnlyList<string> patterns) => patterns.Select(PathGlob.ParseIgnoringCase).ToList();

    private static bool Matches(string name, List<PathGlob> globs) => globs.Exists(glob => glob.IsMatch(name));
}
