namespace Honk.Prompting;

/// <summary>
/// Picks the repository's instruction files for agents: at the root <c>AGENTS.md</c>, <c>CLAUDE.md</c> and
/// <c>.github/copilot-instructions.md</c>; below the root, for each folder in scope, the nearest <c>AGENTS.md</c> (or
/// <c>CLAUDE.md</c> where a folder has no AGENTS.md) walking up towards the root. Files with the same text (CLAUDE.md
/// is often a copy of or link to AGENTS.md) are read once. Links that leave the repository are never followed.
/// </summary>
internal static class InstructionFileLocator
{
    public const string AgentsFile = "AGENTS.md";
    public const string ClaudeFile = "CLAUDE.md";
    public const string CopilotFile = ".github/copilot-instructions.md";
    private const int MaxNestedFiles = 3;

    public static IReadOnlyList<string> Locate(IReadOnlySet<string> files, IReadOnlyList<string> scopeFolders)
    {
        var chosen = new List<string>();
        foreach (var rootFile in (string[])[AgentsFile, ClaudeFile, CopilotFile])
        {
            if (files.Contains(rootFile))
            {
                chosen.Add(rootFile);
            }
        }

        var nested = new List<string>();
        foreach (var scope in scopeFolders)
        {
            for (var folder = scope; folder.Length > 0; folder = Parent(folder))
            {
                var found = Pick(files, folder);
                if (found is not null)
                {
                    if (!nested.Contains(found))
                    {
                        nested.Add(found);
                    }

                    break;
                }
            }
        }

        // Root first, then the more specific ones, so later text refines earlier text when the model reads on.
        chosen.AddRange(nested.OrderBy(p => p.Count(c => c == '/')).ThenBy(p => p, StringComparer.Ordinal).Take(MaxNestedFiles));
        return chosen;
    }

    public static async Task<IReadOnlyList<InstructionFile>> ReadAsync(string root, IReadOnlyList<string> paths, int maxChars, CancellationToken cancellationToken)
    {
        var fullRoot = Path.GetFullPath(root);
        var rootResolved = new DirectoryInfo(fullRoot).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? fullRoot;
        var result = new List<InstructionFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(Path.Combine(fullRoot, path));
            var info = new FileInfo(full);
            var target = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
            if (!IsInside(target, fullRoot) && !IsInside(target, rootResolved))
            {
                continue;
            }

            string text;
            try
            {
                text = await File.ReadAllTextAsync(target, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
            if (text.Length == 0 || !seen.Add(text))
            {
                continue;
            }

            result.Add(new InstructionFile(path, text.Length > maxChars ? text[..maxChars] : text, text.Length));
        }

        return result;
    }

    private static string? Pick(IReadOnlySet<string> files, string folder)
    {
        var agents = folder + "/" + AgentsFile;
        if (files.Contains(agents))
        {
            return agents;
        }

        var claude = folder + "/" + ClaudeFile;
        return files.Contains(claude) ? claude : null;
    }

    private static string Parent(string folder)
    {
        var slash = folder.LastIndexOf('/');
        return slash < 0 ? string.Empty : folder[..slash];
    }

    private static bool IsInside(string path, string root)
        => path.StartsWith(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
