using System.Text.RegularExpressions;
using Honk.Globbing;

namespace Honk.Validators;

/// <summary>
/// A workspace root (npm/yarn <c>workspaces</c>, or pnpm's <c>pnpm-workspace.yaml</c>) and its member packages,
/// found by matching the patterns against the repository's <c>package.json</c> files.
/// </summary>
/// <param name="Root">The root's folder, relative to the repository ("" for the repository root).</param>
/// <param name="Members">The members' folders, relative to the repository, in order.</param>
internal sealed partial record NodeWorkspaces(string Root, IReadOnlyList<string> Members)
{
    /// <summary>Finds the workspaces a package root declares; <see langword="null"/> when it declares none.</summary>
    /// <param name="facts">The repository's files.</param>
    /// <param name="folder">The package's folder.</param>
    /// <param name="manifest">Its manifest.</param>
    /// <returns>The workspaces, or <see langword="null"/>.</returns>
    public static NodeWorkspaces? Find(RepositoryFacts facts, string folder, NodeManifest manifest)
    {
        var patterns = manifest.Workspaces.Count > 0 ? manifest.Workspaces : PnpmPatterns(Path.Combine(facts.RootPath, folder, "pnpm-workspace.yaml"));
        if (patterns.Count == 0)
        {
            return null;
        }

        var include = patterns.Where(p => !p.StartsWith('!')).Select(p => Glob(folder, p)).ToList();
        var exclude = patterns.Where(p => p.StartsWith('!')).Select(p => Glob(folder, p[1..])).ToList();
        var members = facts.FilesNamed("package.json")
            .Select(FolderOf)
            .Where(f => f != folder && include.Any(g => g.IsMatch(f)) && !exclude.Any(g => g.IsMatch(f)))
            .Order(StringComparer.Ordinal)
            .ToList();
        return new NodeWorkspaces(folder, members);
    }

    /// <summary>The folder of a repository-relative file path ("" at the root).</summary>
    /// <param name="path">The path.</param>
    /// <returns>Its folder.</returns>
    public static string FolderOf(string path) => path.Contains('/', StringComparison.Ordinal) ? path[..path.LastIndexOf('/')] : "";

    /// <summary>Joins a folder and a relative path.</summary>
    /// <param name="folder">The folder ("" for the root).</param>
    /// <param name="path">The path inside it.</param>
    /// <returns>The joined path.</returns>
    public static string Join(string folder, string path) => folder.Length == 0 ? path : $"{folder}/{path}";

    // pnpm-workspace.yaml: "packages:" then "  - 'packages/*'" lines. Only that list is read.
    private static List<string> PnpmPatterns(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var patterns = new List<string>();
        var inPackages = false;
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Split('#')[0].TrimEnd();
            if (line.Length == 0)
            {
                continue;
            }

            if (!char.IsWhiteSpace(line[0]))
            {
                inPackages = line.StartsWith("packages:", StringComparison.Ordinal);
                continue;
            }

            if (inPackages && ListItem().Match(line) is { Success: true } item)
            {
                patterns.Add(item.Groups["value"].Value);
            }
        }

        return patterns;
    }

    private static PathGlob Glob(string folder, string pattern)
        => PathGlob.ParseLenient(Join(folder, pattern.Trim().TrimStart('.', '/').TrimEnd('/')));

    [GeneratedRegex(@"^\s+-\s+['""]?(?<value>[^'""]+?)['""]?\s*$")]
    private static partial Regex ListItem();
}
