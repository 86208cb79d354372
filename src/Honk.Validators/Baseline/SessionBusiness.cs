using System.Text.RegularExpressions;

namespace Honk.Validators;

/// <summary>
/// Tells whether a failure the untouched base already had is nevertheless the session's business, so it blocks:
/// the task names the failing test (its full name, method or class) or its file, or the change touches that file or
/// the project/package it belongs to. Only failures that are none of these may be tolerated as "pre-existing".
/// </summary>
/// <remarks>
/// A project/package is the nearest folder at or above a file that holds a project file (<c>*.csproj</c>,
/// <c>package.json</c>, <c>Cargo.toml</c>, <c>go.mod</c>, <c>CMakeLists.txt</c>, <c>pom.xml</c>, <c>pyproject.toml</c>,
/// ...); a test folder whose only such file is a test runner's settings (<c>tests/pytest.ini</c>) is part of the
/// project around it. The change touches a failure's project when it changes a file of that project or of a project nested in it,
/// a build file of an enclosing folder (e.g. the root <c>CMakeLists.txt</c> or <c>Directory.Build.props</c>), or a
/// project the failure's project files name (a <c>ProjectReference</c>, a dependency, a linked library). A failure
/// Honk cannot place in a file (no file, and its test's name is found nowhere) counts as the session's business.
/// </remarks>
public sealed partial class SessionBusiness
{
    private const int MaxSearchedFiles = 5_000;
    private const long MaxSearchedBytes = 512 * 1024;

    private static readonly string[] ProjectFileNames =
    [
        "package.json", "Cargo.toml", "go.mod", "CMakeLists.txt", "pom.xml", "build.gradle", "build.gradle.kts",
        "settings.gradle", "settings.gradle.kts", "pyproject.toml", "setup.py", "setup.cfg", "pytest.ini", "tox.ini", "Makefile", "GNUmakefile",
        "meson.build", "build.sbt", "composer.json", "Gemfile",
    ];

    /// <summary>Files that configure a test runner only, not a package (see <see cref="IsTestFolderSettings"/>).</summary>
    private static readonly string[] TestRunnerSettingsNames = ["pytest.ini", "tox.ini"];

    private static readonly string[] TestFolderNames = ["test", "tests", "testing"];

    private static readonly string[] ProjectFileExtensions = [".csproj", ".fsproj", ".vbproj", ".sln", ".slnx", ".slnf"];

    /// <summary>Files that change how every project below their folder builds, without being one.</summary>
    private static readonly string[] BuildFileNames =
    [
        "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", "nuget.config", "NuGet.config",
        "CMakePresets.json", "package-lock.json", "yarn.lock", "pnpm-lock.yaml", "Cargo.lock", "go.sum", "go.work", "tsconfig.json",
    ];

    private static readonly HashSet<string> GenericNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "test", "tests", "spec", "specs", "src", "lib", "main", "app", "core", "unit", "index", "the", "and", "run", "all",
    };

    private static readonly string[] SearchedExtensions =
    [
        ".cs", ".fs", ".vb", ".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".jsx", ".tsx", ".py", ".go", ".rs", ".c", ".cc",
        ".cpp", ".cxx", ".h", ".hpp", ".java", ".kt", ".scala", ".rb", ".php", ".swift", ".txt", ".cmake", ".sh",
    ];

    private readonly string _taskText;
    private readonly RepositoryFacts _facts;
    private readonly HashSet<string> _projectFolders;
    private readonly HashSet<string> _changed;
    private readonly List<string> _changedProjects;
    private readonly List<string> _changedBuildFolders;
    private readonly Dictionary<string, IReadOnlyList<string>> _filesOfTest = new(StringComparer.Ordinal);

    /// <summary>Creates the rule for one task over one repository.</summary>
    /// <param name="task">The task.</param>
    /// <param name="facts">The repository's files and the session's changed files (see <see cref="RepositoryFacts.ChangedFiles"/>).</param>
    public SessionBusiness(CodingTask task, RepositoryFacts facts)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(facts);
        _facts = facts;
        _taskText = string.Join('\n', [task.Goal, task.Title, task.DefinitionOfDone, .. task.Examples, .. task.Preconditions, .. task.AllowedPaths]);
        _projectFolders = [.. facts.Files.Where(f => IsProjectFile(f) && !IsTestFolderSettings(f)).Select(FolderOf)];
        _changed = [.. facts.ChangedFiles.Select(Normalize)];
        _changedProjects = [.. _changed.Select(ProjectOf).Distinct(StringComparer.Ordinal)];
        _changedBuildFolders = [.. _changed.Where(f => IsProjectFile(f) || IsBuildFile(f)).Select(FolderOf).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Creates the rule for a validation context: its task, its repository and the session's changed files.</summary>
    /// <param name="context">The session's validation context (not the baseline's).</param>
    /// <param name="cancellationToken">Cancels the scan.</param>
    /// <returns>The rule.</returns>
    public static async Task<SessionBusiness> ForContextAsync(ValidationContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var changed = await context.Workspace.GetChangedFilesAsync(cancellationToken).ConfigureAwait(false);
        var facts = await RepositoryFacts.ScanAsync(context.Workspace.RootPath, changed, cancellationToken).ConfigureAwait(false);
        return new SessionBusiness(context.Task, facts);
    }

    /// <summary>Why a failure is the session's business, or <see langword="null"/> when it is not (it may be tolerated).</summary>
    /// <param name="finding">A failure (file repository-relative).</param>
    /// <returns>A short reason, e.g. <c>the task names 'Add_ReturnsSum'</c>; <see langword="null"/> when none applies.</returns>
    public string? Reason(ValidationFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (NamedByTask(finding) is { } named)
        {
            return $"the task names '{named}'";
        }

        var files = FilesOf(finding);
        if (files.Count == 0)
        {
            return "Honk cannot tell which file or project it belongs to";
        }

        foreach (var file in files)
        {
            if (_changed.Contains(file))
            {
                return $"the change touches {file}";
            }

            var project = ProjectOf(file);
            if (TouchedProject(project) is { } touched)
            {
                return touched.Length == 0 || touched == project
                    ? $"the change touches its project ({Display(project)})"
                    : $"the change touches {Display(touched)}, which its project ({Display(project)}) depends on or is part of";
            }
        }

        return null;
    }

    /// <summary>True when the finding is not the session's business (see <see cref="Reason"/>).</summary>
    /// <param name="finding">A failure.</param>
    /// <returns>Whether it may be tolerated as pre-existing.</returns>
    public bool MayBeTolerated(ValidationFinding finding) => Reason(finding) is null;

    /// <summary>The names under which the task may refer to a failing test or file.</summary>
    /// <param name="finding">The failure.</param>
    /// <returns>Full name, method, class, file path and file name; generic or very short names left out.</returns>
    internal static IEnumerable<string> NamesOf(ValidationFinding finding)
    {
        if (finding.TestName is { } test)
        {
            var name = WithoutParameters(test);
            yield return name;
            if (name.Contains("::", StringComparison.Ordinal) && name[..name.IndexOf("::", StringComparison.Ordinal)] is var first && Path.HasExtension(first))
            {
                // pytest-style ids carry their file: tests/test_calc.py::test_add.
                yield return Normalize(first);
                yield return Path.GetFileName(first);
            }

            var parts = PartsOf(name);
            if (parts.Length > 1)
            {
                yield return parts[^1];
                yield return parts[^2];
            }
        }

        if (finding.File is { } file)
        {
            yield return Normalize(file);
            yield return Path.GetFileName(file);
        }
    }

    private string? NamedByTask(ValidationFinding finding)
    {
        foreach (var name in NamesOf(finding).Distinct(StringComparer.Ordinal))
        {
            if (name.Length < 4 || GenericNames.Contains(name))
            {
                continue;
            }

            if (ContainsName(_taskText, name))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>The finding's file, or where its test is written (the test's name searched in the repository's sources).</summary>
    private IReadOnlyList<string> FilesOf(ValidationFinding finding)
    {
        if (finding.File is { } file)
        {
            return [Normalize(file)];
        }

        if (finding.TestName is not { } test)
        {
            return [];
        }

        var named = NamesOf(finding).Where(n => _facts.HasFile(n)).ToList();
        if (named.Count > 0)
        {
            return named;
        }

        var parts = PartsOf(WithoutParameters(test));
        var shortName = parts.Length == 0 ? test : parts[^1];
        if (shortName.Length < 3)
        {
            return [];
        }

        if (!_filesOfTest.TryGetValue(shortName, out var found))
        {
            found = Search(shortName);
            _filesOfTest[shortName] = found;
        }

        return found;
    }

    private List<string> Search(string text)
    {
        var hits = new List<string>();
        var searched = 0;
        foreach (var file in _facts.Files)
        {
            if (!SearchedExtensions.Any(e => file.EndsWith(e, StringComparison.OrdinalIgnoreCase)) || ++searched > MaxSearchedFiles)
            {
                continue;
            }

            var path = Path.Combine(_facts.RootPath, file);
            try
            {
                var info = new FileInfo(path);
                if (info.Length <= MaxSearchedBytes && ContainsName(File.ReadAllText(path), text))
                {
                    hits.Add(file);
                }
            }
            catch (IOException)
            {
                // A file that cannot be read is not where the test is.
            }
            catch (UnauthorizedAccessException)
            {
                // Likewise.
            }
        }

        return hits;
    }

    /// <summary>The changed project that makes <paramref name="project"/> the session's business, or null.</summary>
    private string? TouchedProject(string project)
    {
        foreach (var changed in _changedProjects)
        {
            // The same project, or one nested in it (its tests cover what lies below).
            if (changed == project || IsUnder(changed, project))
            {
                return changed;
            }
        }

        // A build file of an enclosing folder changes how this project builds.
        if (_changedBuildFolders.FirstOrDefault(folder => folder == project || IsUnder(project, folder)) is { } build)
        {
            return build;
        }

        // A project this one names in its project files (a reference, a dependency, a linked library).
        var text = ProjectFilesText(project);
        return text.Length == 0 ? null : _changedProjects.FirstOrDefault(changed => changed.Length > 0 && NamesOfProject(changed).Any(n => ContainsName(text, n)));
    }

    private IEnumerable<string> NamesOfProject(string folder)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { folder[(folder.LastIndexOf('/') + 1)..] };
        foreach (var file in ProjectFilesIn(folder))
        {
            var fileName = Path.GetFileName(file);
            if (ProjectFileExtensions.Any(e => fileName.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            {
                names.Add(Path.GetFileNameWithoutExtension(fileName));
                continue;
            }

            foreach (Match match in DeclaredNames().Matches(Read(file)))
            {
                names.Add(match.Groups["name"].Value);
            }
        }

        return names.Where(n => n.Length >= 3 && !GenericNames.Contains(n));
    }

    private string ProjectFilesText(string folder) => string.Join('\n', ProjectFilesIn(folder).Select(Read));

    private IEnumerable<string> ProjectFilesIn(string folder)
    {
        var prefix = folder.Length == 0 ? "" : folder + "/";
        return _facts.Files.Where(f => f.StartsWith(prefix, StringComparison.Ordinal) && !f.AsSpan(prefix.Length).Contains('/') && IsProjectFile(f));
    }

    private string Read(string relative)
    {
        try
        {
            var path = Path.Combine(_facts.RootPath, relative);
            return new FileInfo(path).Length <= MaxSearchedBytes ? File.ReadAllText(path) : "";
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    private string ProjectOf(string file)
    {
        var folder = FolderOf(file);
        while (true)
        {
            if (_projectFolders.Contains(folder) || folder.Length == 0)
            {
                return folder;
            }

            folder = FolderOf(folder);
        }
    }

    /// <summary>
    /// The test's name without its arguments: <c>Add(1, 2)</c> is <c>Add</c>; a parameterised JVM test's parameter list
    /// and invocation both go (<c>fits(int)[2]</c>, <c>fits{int}[2]</c>: <c>fits</c>).
    /// </summary>
    private static string WithoutParameters(string test)
        => Parameters().Replace(Parameters().Replace(test, ""), "").Trim();

    /// <summary>
    /// The parts of a test's name: <c>Ns.Class.Method</c>, <c>file.py::Class::test</c>, <c>TestAdd/case</c>; a title
    /// with spaces (<c>suite &gt; adds two numbers</c>) splits only at <c>&gt;</c> or <c>›</c>.
    /// </summary>
    private static string[] PartsOf(string name)
    {
        var parts = name.Any(char.IsWhiteSpace) ? TitleSeparators().Split(name) : TestSeparators().Split(name);
        return [.. parts.Select(p => p.Trim()).Where(p => p.Length > 0)];
    }

    private static bool ContainsName(string text, string name)
    {
        var pattern = Regex.Escape(name);
        var start = char.IsLetterOrDigit(name[0]) || name[0] == '_' ? @"(?<![\w])" : "";
        var end = char.IsLetterOrDigit(name[^1]) || name[^1] == '_' ? @"(?![\w])" : "";
        return Regex.IsMatch(text, start + pattern + end, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    private static bool IsProjectFile(string file)
    {
        var name = Path.GetFileName(file);
        return ProjectFileNames.Contains(name, StringComparer.Ordinal) || ProjectFileExtensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// A test runner's settings in a test folder (<c>tests/pytest.ini</c>): that folder holds the tests of the project
    /// around it, not a project of its own. Counted as one, it kept the package's old test failures out of a change to
    /// the package and made all of them a change to one test's business (Textualize/rich).
    /// </summary>
    private static bool IsTestFolderSettings(string file)
        => TestRunnerSettingsNames.Contains(Path.GetFileName(file), StringComparer.Ordinal)
            && FolderOf(file) is { Length: > 0 } folder && TestFolderNames.Contains(folder[(folder.LastIndexOf('/') + 1)..], StringComparer.OrdinalIgnoreCase);

    private static bool IsBuildFile(string file) => BuildFileNames.Contains(Path.GetFileName(file), StringComparer.OrdinalIgnoreCase);

    private static bool IsUnder(string folder, string ancestor) => ancestor.Length == 0 || folder.StartsWith(ancestor + "/", StringComparison.Ordinal);

    private static string FolderOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }

    private static string Normalize(string path)
    {
        var normalized = path.Replace('\\', '/');
        return normalized.StartsWith("./", StringComparison.Ordinal) ? normalized[2..] : normalized;
    }

    private static string Display(string project) => project.Length == 0 ? "the repository root" : project;

    /// <summary>Separators of the parts of an identifier-like test name: <c>::</c>, <c>.</c>, <c>#</c>, <c>/</c>.</summary>
    [GeneratedRegex(@"::|[.#/]")]
    private static partial Regex TestSeparators();

    /// <summary>Separators of the parts of a titled test: <c>suite &gt; test</c>, <c>suite › test</c>.</summary>
    [GeneratedRegex(@"\s+[>›]\s+")]
    private static partial Regex TitleSeparators();

    /// <summary>Arguments of a data-driven test, e.g. <c>Add(1, 2)</c>, <c>test_add[1-2]</c> or <c>fits{int}</c>.</summary>
    [GeneratedRegex(@"\s*(\(.*\)|\[.*\]|\{.*\})\s*$")]
    private static partial Regex Parameters();

    /// <summary>The names a project file declares: package names, modules, CMake targets and projects.</summary>
    [GeneratedRegex(@"(?:""name""\s*:\s*""(?<name>[^""]+)""|^\s*name\s*=\s*""(?<name>[^""]+)""|^module\s+(?<name>\S+)|(?:add_library|add_executable|project)\s*\(\s*(?<name>[\w.-]+))", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex DeclaredNames();
}
