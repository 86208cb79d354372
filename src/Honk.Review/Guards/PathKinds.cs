using System.Text.RegularExpressions;

namespace Honk.Review;

/// <summary>What a path is, judged from its name alone: test code, CI configuration, documentation, a lockfile.</summary>
internal static partial class PathKinds
{
    private static readonly HashSet<string> DocumentExtensions = new(StringComparer.OrdinalIgnoreCase) { ".md", ".markdown", ".txt", ".rst", ".adoc", ".html", ".htm" };

    // Lockfiles and the manifests whose change legitimately rewrites them.
    private static readonly Dictionary<string, string[]> LockfileManifests = new(StringComparer.Ordinal)
    {
        ["package-lock.json"] = ["package.json"],
        ["npm-shrinkwrap.json"] = ["package.json"],
        ["yarn.lock"] = ["package.json"],
        ["pnpm-lock.yaml"] = ["package.json", "pnpm-workspace.yaml"],
        ["bun.lock"] = ["package.json"],
        ["bun.lockb"] = ["package.json"],
        ["Cargo.lock"] = ["Cargo.toml"],
        ["go.sum"] = ["go.mod"],
        ["poetry.lock"] = ["pyproject.toml"],
        ["uv.lock"] = ["pyproject.toml"],
        ["Pipfile.lock"] = ["Pipfile"],
        ["Gemfile.lock"] = ["Gemfile", "*.gemspec"],
        ["composer.lock"] = ["composer.json"],
        ["packages.lock.json"] = ["*.csproj", "*.fsproj", "*.vbproj", "Directory.Packages.props", "Directory.Build.props"],
        ["gradle.lockfile"] = ["build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts"],
        ["flake.lock"] = ["flake.nix"],
        ["mix.lock"] = ["mix.exs"],
        ["pubspec.lock"] = ["pubspec.yaml"],
        ["Podfile.lock"] = ["Podfile"],
    };

    public static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];

    public static string Folder(string path) => path.LastIndexOf('/') is var slash and >= 0 ? path[..slash] : "";

    /// <summary>True for test code: files in test folders or named like tests in the common ecosystems.</summary>
    public static bool IsTestPath(string path)
    {
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length - 1; i++)
        {
            if (TestFolder().IsMatch(segments[i]))
            {
                return true;
            }
        }

        return TestFileName().IsMatch(segments[^1]);
    }

    /// <summary>True for continuous-integration definitions.</summary>
    public static bool IsCiConfig(string path)
        => CiConfig().IsMatch(path);

    /// <summary>True for documentation, where code samples are text, not code.</summary>
    public static bool IsDocument(string path) => DocumentExtensions.Contains(Path.GetExtension(path));

    public static bool IsEslintConfig(string path) => EslintConfig().IsMatch(FileName(path));

    public static bool IsMsBuildFile(string path) => MsBuildFile().IsMatch(FileName(path));

    public static bool IsTsConfig(string path) => TsConfig().IsMatch(FileName(path));

    public static bool IsPythonLintConfig(string path) => PythonLintConfig().IsMatch(FileName(path));

    public static bool IsAnalyzerConfig(string path) => FileName(path) is ".editorconfig" or ".globalconfig" || path.EndsWith(".globalconfig", StringComparison.Ordinal);

    /// <summary>True for files that hold settings rather than code (where a lowered number is a lowered threshold).</summary>
    public static bool IsConfigFile(string path)
        => ConfigFile().IsMatch(FileName(path)) || IsMsBuildFile(path) || IsCiConfig(path);

    public static bool IsLockfile(string path) => LockfileManifests.ContainsKey(FileName(path));

    /// <summary>Whether <paramref name="manifest"/> is a manifest that can rewrite <paramref name="lockfile"/> (same folder or below).</summary>
    public static bool IsManifestOf(string lockfile, string manifest)
    {
        if (!LockfileManifests.TryGetValue(FileName(lockfile), out var names))
        {
            return false;
        }

        var folder = Folder(lockfile);
        if (folder.Length > 0 && !manifest.StartsWith(folder + "/", StringComparison.Ordinal))
        {
            return false;
        }

        var name = FileName(manifest);
        return names.Any(n => n.StartsWith('*') ? name.EndsWith(n[1..], StringComparison.Ordinal) : name == n);
    }

    [GeneratedRegex(@"^(?:__tests__|specs?|(?:.*[._-])?(?:unit|integration|functional|acceptance|e2e)?tests?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TestFolder();

    [GeneratedRegex(
        @"(?:[A-Za-z0-9_](?:Tests?|Specs?|IT)\.(?:cs|fs|vb|java|kt|kts|scala|groovy|php|swift|m|mm|c|cc|cpp|cxx|dart)$"
        + @"|\.(?:test|spec|e2e|tests)\.[cm]?[jt]sx?$"
        + @"|^test_.*\.py$|_test\.py$|^conftest\.py$"
        + @"|_test\.go$"
        + @"|_(?:spec|test)\.rb$"
        + @"|_(?:test|unittest|tests)\.(?:c|cc|cpp|cxx|rs|exs|dart)$"
        + @"|^test_.*\.(?:c|cc|cpp|cxx)$)",
        RegexOptions.CultureInvariant)]
    private static partial Regex TestFileName();

    [GeneratedRegex(
        @"^(?:\.github/workflows/[^/]+\.ya?ml|\.github/actions/.+|\.gitlab-ci\.ya?ml|(?:.*/)?azure-pipelines[^/]*\.ya?ml|\.circleci/.+|(?:.*/)?Jenkinsfile|\.travis\.ya?ml|bitbucket-pipelines\.ya?ml|\.buildkite/.+|appveyor\.ya?ml|\.drone\.ya?ml|\.ci/.+|\.pre-commit-config\.ya?ml|\.husky/.+)$",
        RegexOptions.CultureInvariant)]
    private static partial Regex CiConfig();

    [GeneratedRegex(@"^(?:\.eslintrc(?:\.(?:js|cjs|mjs|json|ya?ml))?|eslint\.config\.(?:js|cjs|mjs|ts|mts|cts))$", RegexOptions.CultureInvariant)]
    private static partial Regex EslintConfig();

    [GeneratedRegex(@"\.(?:csproj|fsproj|vbproj|props|targets)$", RegexOptions.CultureInvariant)]
    private static partial Regex MsBuildFile();

    [GeneratedRegex(@"^(?:tsconfig|jsconfig)(?:\.[\w.-]+)?\.json$", RegexOptions.CultureInvariant)]
    private static partial Regex TsConfig();

    [GeneratedRegex(@"^(?:setup\.cfg|tox\.ini|\.flake8|pyproject\.toml|ruff\.toml|\.ruff\.toml|\.pylintrc|pylintrc|mypy\.ini|\.mypy\.ini)$", RegexOptions.CultureInvariant)]
    private static partial Regex PythonLintConfig();

    [GeneratedRegex(
        @"(?:\.(?:json|ya?ml|toml|cfg|ini|xml|runsettings|props|targets)$|^\.[\w-]*rc(?:\.\w+)?$|config\.[cm]?[jt]s$|^codecov\.ya?ml$|^\.coveragerc$|^Makefile$)",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ConfigFile();
}
