namespace Honk.Validators;

/// <summary>
/// What a repository holds, as far as validators care: its files (without dependency, build-output and VCS folders)
/// and the files the session changed. Validators decide applicability from it and find the project(s) that own the
/// changed files: the nearest project file above each one.
/// </summary>
public sealed class RepositoryFacts
{
    /// <summary>The most files a scan lists; a bigger repository is listed partially (<see cref="Truncated"/>).</summary>
    public const int MaxFiles = 50_000;

    /// <summary>The deepest folder level a scan enters.</summary>
    public const int MaxDepth = 12;

    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal)
    {
        ".git", ".hg", ".svn", "node_modules", "bin", "obj", "target", ".venv", "venv", "__pycache__", ".tox",
        ".gradle", ".idea", ".vs", ".vscode", "vendor", "dist", ".next", ".turbo", ".cache", "coverage", ".pytest_cache",
    };

    private readonly HashSet<string> _fileSet;

    /// <summary>Creates facts from a known file list (for tests and callers that already listed the repository).</summary>
    /// <param name="rootPath">The repository root.</param>
    /// <param name="files">Relative paths, '/' separated.</param>
    /// <param name="changedFiles">The session's changed paths, '/' separated.</param>
    /// <param name="truncated">Whether the list is partial.</param>
    public RepositoryFacts(string rootPath, IEnumerable<string> files, IEnumerable<string>? changedFiles = null, bool truncated = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootPath);
        ArgumentNullException.ThrowIfNull(files);
        RootPath = rootPath;
        Files = [.. files.Select(Normalize).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        _fileSet = new HashSet<string>(Files, StringComparer.Ordinal);
        ChangedFiles = [.. (changedFiles ?? []).Select(Normalize).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        Truncated = truncated;
    }

    /// <summary>The repository root (absolute).</summary>
    public string RootPath { get; }

    /// <summary>The repository's files, relative and '/' separated, sorted.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The files the session changed (empty on the base, i.e. for a whole-repository validation).</summary>
    public IReadOnlyList<string> ChangedFiles { get; }

    /// <summary>True when the scan stopped at <see cref="MaxFiles"/>.</summary>
    public bool Truncated { get; }

    /// <summary>Lists a folder's files.</summary>
    /// <param name="rootPath">The repository root.</param>
    /// <param name="changedFiles">The session's changed files, when known.</param>
    /// <param name="cancellationToken">Cancels the scan.</param>
    /// <returns>The facts.</returns>
    public static Task<RepositoryFacts> ScanAsync(string rootPath, IReadOnlyList<string>? changedFiles = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootPath);
        var files = new List<string>();
        var truncated = false;
        var pending = new Stack<(string Path, int Depth)>();
        pending.Push((rootPath, 0));
        var enumeration = new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        while (pending.Count > 0 && !truncated)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (folder, depth) = pending.Pop();
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos("*", enumeration))
            {
                if (entry is DirectoryInfo)
                {
                    if (depth < MaxDepth && !SkippedFolders.Contains(entry.Name))
                    {
                        pending.Push((entry.FullName, depth + 1));
                    }

                    continue;
                }

                files.Add(Path.GetRelativePath(rootPath, entry.FullName));
                if (files.Count >= MaxFiles)
                {
                    truncated = true;
                    break;
                }
            }
        }

        return Task.FromResult(new RepositoryFacts(rootPath, files, changedFiles, truncated));
    }

    /// <summary>Lists the workspace's files and asks it which files the session changed.</summary>
    /// <param name="context">The validation context.</param>
    /// <param name="cancellationToken">Cancels the scan.</param>
    /// <returns>The facts.</returns>
    public static async Task<RepositoryFacts> ForContextAsync(ValidationContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);

        // The baseline run (round 0) validates the whole repository, whatever a workspace reports.
        var changed = context.Round == 0 ? [] : await context.Workspace.GetChangedFilesAsync(cancellationToken).ConfigureAwait(false);
        return await ScanAsync(context.Workspace.RootPath, changed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when the repository holds this file (relative path).</summary>
    /// <param name="relativePath">The path, '/' separated.</param>
    /// <returns>Whether it exists.</returns>
    public bool HasFile(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        return _fileSet.Contains(Normalize(relativePath));
    }

    /// <summary>Files with this exact name in any folder, e.g. <c>package.json</c>.</summary>
    /// <param name="fileName">The file name.</param>
    /// <returns>Their relative paths, sorted.</returns>
    public IReadOnlyList<string> FilesNamed(string fileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        return [.. Files.Where(f => string.Equals(FileName(f), fileName, StringComparison.Ordinal))];
    }

    /// <summary>Files whose name ends with this extension, e.g. <c>.csproj</c>.</summary>
    /// <param name="extension">The extension, with its dot.</param>
    /// <returns>Their relative paths, sorted.</returns>
    public IReadOnlyList<string> FilesWithExtension(string extension)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(extension);
        return [.. Files.Where(f => f.EndsWith(extension, StringComparison.OrdinalIgnoreCase))];
    }

    /// <summary>
    /// The project files in the nearest folder at or above <paramref name="relativePath"/> that holds any; empty when
    /// no folder up to the root does.
    /// </summary>
    /// <param name="relativePath">A file of the repository.</param>
    /// <param name="isProjectFile">Tells project files apart by their relative path.</param>
    /// <returns>The owning project files (several when one folder holds several).</returns>
    public IReadOnlyList<string> NearestProjectFiles(string relativePath, Func<string, bool> isProjectFile)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        ArgumentNullException.ThrowIfNull(isProjectFile);
        var folder = ParentOf(Normalize(relativePath));
        while (folder is not null)
        {
            var prefix = folder.Length == 0 ? "" : folder + "/";
            var projects = Files.Where(f => f.StartsWith(prefix, StringComparison.Ordinal) && !f.AsSpan(prefix.Length).Contains('/') && isProjectFile(f)).ToList();
            if (projects.Count > 0)
            {
                return projects;
            }

            folder = folder.Length == 0 ? null : ParentOf(folder);
        }

        return [];
    }

    /// <summary>
    /// The projects owning the changed files. <paramref name="unowned"/> lists changed files no project owns (e.g. a
    /// root <c>Directory.Build.props</c>), after which a validator should check the whole repository.
    /// </summary>
    /// <param name="isProjectFile">Tells project files apart by their relative path.</param>
    /// <param name="unowned">The changed files without an owning project.</param>
    /// <returns>The owning project files, sorted.</returns>
    public IReadOnlyList<string> ProjectsOwningChanges(Func<string, bool> isProjectFile, out IReadOnlyList<string> unowned)
    {
        ArgumentNullException.ThrowIfNull(isProjectFile);
        var owners = new SortedSet<string>(StringComparer.Ordinal);
        var orphans = new List<string>();
        foreach (var changed in ChangedFiles)
        {
            var nearest = isProjectFile(changed) ? [changed] : NearestProjectFiles(changed, isProjectFile);
            if (nearest.Count == 0)
            {
                orphans.Add(changed);
            }

            owners.UnionWith(nearest);
        }

        unowned = orphans;
        return [.. owners];
    }

    /// <summary>Makes a path relative to the repository root ('/' separated) when it lies inside it.</summary>
    /// <param name="rootPath">The repository root.</param>
    /// <param name="path">An absolute or relative path; <see langword="null"/> passes through.</param>
    /// <returns>The relative path, or the path unchanged when it is outside the root or already relative.</returns>
    public static string? ToRelativePath(string rootPath, string? path)
    {
        ArgumentNullException.ThrowIfNull(rootPath);
        if (string.IsNullOrEmpty(path) || !Path.IsPathRooted(path))
        {
            return path?.Replace('\\', '/');
        }

        foreach (var root in new[] { rootPath, ResolveLinks(rootPath) })
        {
            var prefix = root.TrimEnd('/') + "/";
            if (path.StartsWith(prefix, StringComparison.Ordinal))
            {
                return path[prefix.Length..];
            }
        }

        return path;
    }

    private static string ResolveLinks(string path)
    {
        try
        {
            return new DirectoryInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
        }
        catch (IOException)
        {
            return path;
        }
    }

    private static string Normalize(string path) => path.Replace('\\', '/').TrimStart('/');

    private static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];

    private static string? ParentOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }
}
