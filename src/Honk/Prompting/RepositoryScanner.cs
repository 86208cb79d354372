namespace Honk.Prompting;

/// <summary>
/// Gathers <see cref="RepositoryFacts"/> from a folder cheaply: one <c>git ls-files</c> (or a capped walk when the
/// folder is not a git work tree) and a few small file reads. Nothing is built or executed besides git.
/// </summary>
public static class RepositoryScanner
{
    /// <summary>Scans a repository folder.</summary>
    /// <param name="root">The repository's root folder.</param>
    /// <param name="scopePaths">The task's allowed paths (globs allowed); they select the nearest nested instruction files.</param>
    /// <param name="options">Caps; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the scan (and kills git).</param>
    /// <returns>The facts.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static async Task<RepositoryFacts> ScanAsync(
        string root, IReadOnlyList<string>? scopePaths = null, RepositoryScanOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        options ??= new RepositoryScanOptions();
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"The repository folder '{root}' does not exist.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var (files, fromGit, capped) = await RepositoryFileLister.ListAsync(root, options, cancellationToken).ConfigureAwait(false);
        var fileSet = new HashSet<string>(files, StringComparer.Ordinal);
        var scopes = ScopeFolders.From(scopePaths ?? [], fileSet);
        var instructionPaths = InstructionFileLocator.Locate(fileSet, scopes);
        var instructions = await InstructionFileLocator.ReadAsync(root, instructionPaths, options.MaxInstructionFileChars, cancellationToken).ConfigureAwait(false);
        var (topLevel, omitted) = TopLevel(files, options.MaxTreeEntries);
        return new RepositoryFacts
        {
            FromGit = fromGit,
            FileCount = files.Count,
            FileListCapped = capped,
            Languages = LanguageMap.Count(files, options.MaxLanguages),
            BuildSystems = BuildSystemDetector.Detect(files, [.. scopes.Where(s => s.Length > 0)]),
            TopLevel = topLevel,
            TopLevelOmitted = omitted,
            InstructionFiles = instructions,
        };
    }

    private static (IReadOnlyList<TopLevelEntry> Entries, int Omitted) TopLevel(IReadOnlyList<string> files, int max)
    {
        var entries = files
            .GroupBy(f => f.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0 ? f[..(slash + 1)] : f, StringComparer.Ordinal)
            .Select(g => new TopLevelEntry(g.Key, g.Key.EndsWith('/'), g.Count()))
            .OrderByDescending(e => e.IsDirectory).ThenBy(e => e.Name, StringComparer.Ordinal)
            .ToList();
        return (entries.Take(max).ToList(), Math.Max(0, entries.Count - max));
    }
}
