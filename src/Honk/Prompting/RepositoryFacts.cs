namespace Honk.Prompting;

/// <summary>
/// What Honk tells the model about a repository, gathered cheaply by <see cref="RepositoryScanner"/>: languages,
/// build systems, the top-level layout and the repository's own instructions for agents.
/// </summary>
public sealed record RepositoryFacts
{
    /// <summary>Facts about nothing, for a prompt without a repository.</summary>
    public static RepositoryFacts Empty { get; } = new();

    /// <summary>Whether the file list came from <c>git ls-files</c> (tracked and unignored files) rather than a folder walk.</summary>
    public bool FromGit { get; init; }

    /// <summary>Files seen (capped at <see cref="RepositoryScanOptions.MaxFiles"/>).</summary>
    public int FileCount { get; init; }

    /// <summary>Whether the file list hit its cap, so counts are a lower bound.</summary>
    public bool FileListCapped { get; init; }

    /// <summary>Languages by file count, most files first.</summary>
    public IReadOnlyList<LanguageCount> Languages { get; init; } = [];

    /// <summary>Build systems found, root first.</summary>
    public IReadOnlyList<BuildSystem> BuildSystems { get; init; } = [];

    /// <summary>The top-level entries, folders first (capped at <see cref="RepositoryScanOptions.MaxTreeEntries"/>).</summary>
    public IReadOnlyList<TopLevelEntry> TopLevel { get; init; } = [];

    /// <summary>Top-level entries left out by the cap.</summary>
    public int TopLevelOmitted { get; init; }

    /// <summary>The repository's instruction files for agents: the root ones first, then the nearest one to each path in scope.</summary>
    public IReadOnlyList<InstructionFile> InstructionFiles { get; init; } = [];
}
