using System.Text.RegularExpressions;

namespace Honk.Validators.Toolchains;

/// <summary>
/// What a CMake project's own files say about its tests: whether it defines any (<c>enable_testing()</c>,
/// <c>include(CTest)</c>, <c>add_test</c>, <c>gtest_discover_tests</c> and friends), and the switches that turn them
/// on — <c>option(&lt;X&gt;_BUILD_TESTS …)</c>, a cached <c>set(&lt;X&gt;_ENABLE_TESTING OFF CACHE BOOL …)</c>,
/// <c>BUILD_TESTING</c> — read from the top-level <c>CMakeLists.txt</c> and the <c>cmake/*.cmake</c> files beside it.
/// Nested and vendored projects' switches (a bundled GoogleTest's own <c>gtest_build_tests</c>) are not turned on.
/// </summary>
/// <param name="HasTests">Whether the project's CMake files define tests.</param>
/// <param name="Switches">The cache variables that turn tests on, to pass as <c>-D&lt;name&gt;=ON</c>.</param>
internal sealed partial record CMakeTestSwitches(bool HasTests, IReadOnlyList<string> Switches)
{
    private const long MaxFileBytes = 512 * 1024;
    private static readonly string[] VendoredFolders = ["third_party", "thirdparty", "3rdparty", "third-party", "external", "extern", "vendor", "deps", "_deps", ".honk"];

    // Switches that cost far more than the tests (fuzzers, benchmarks, sanitizers, coverage), test something else, or
    // need a toolkit a sandbox rarely has (fmt's FMT_CUDA_TEST).
    private static readonly string[] NotTestSwitches = ["FUZZ", "BENCH", "COVERAGE", "SANITIZ", "VALGRIND", "INSTALL", "DOWNLOAD", "FETCH", "EXAMPLE", "EXTERNAL", "WERROR",
        "CUDA", "SYCL", "OPENCL", "ANDROID", "WASM", "EMSCRIPTEN", "MSVC", "WIN32"];

    // Whole words only: "DOC" inside "DOCTEST" or "HIP" inside "SHIP" must not count.
    private static readonly string[] NotTestWords = ["DOC", "DOCS", "SYSTEM", "HIP", "USE"];

    /// <summary>Reads a project folder.</summary>
    /// <param name="facts">The repository's files.</param>
    /// <param name="folder">The project folder, relative ('' for the root).</param>
    /// <returns>What was found.</returns>
    public static CMakeTestSwitches Read(RepositoryFacts facts, string folder)
    {
        var prefix = folder.Length == 0 ? "" : folder + "/";
        var cmakeFiles = facts.Files.Where(f => f.StartsWith(prefix, StringComparison.Ordinal)
                && (f.EndsWith("CMakeLists.txt", StringComparison.Ordinal) || f.EndsWith(".cmake", StringComparison.Ordinal))
                && !f[prefix.Length..].Split('/').Any(part => VendoredFolders.Contains(part, StringComparer.OrdinalIgnoreCase)))
            .ToList();
        var topLevel = cmakeFiles.Where(f => f == prefix + "CMakeLists.txt" || (f.StartsWith(prefix + "cmake/", StringComparison.Ordinal) && f.Count(c => c == '/') == prefix.Count(c => c == '/') + 1)).ToList();

        var switches = new List<string>();
        var hasTests = false;
        foreach (var file in cmakeFiles)
        {
            var text = ReadText(Path.Combine(facts.RootPath, file));
            hasTests = hasTests || DefinesTests().IsMatch(text);
            if (!topLevel.Contains(file))
            {
                continue;
            }

            foreach (Match match in OptionOrCachedBool().Matches(text))
            {
                var name = match.Groups["name"].Value;
                if (IsTestSwitch(name) && !switches.Contains(name, StringComparer.Ordinal))
                {
                    switches.Add(name);
                }
            }

            if (UsesBuildTesting().IsMatch(text) && !switches.Contains("BUILD_TESTING", StringComparer.Ordinal))
            {
                switches.Add("BUILD_TESTING");
            }
        }

        return new CMakeTestSwitches(hasTests, switches);
    }

    /// <summary>
    /// Whether a cache variable turns tests on, judged by its words after the project prefix: a word ending in
    /// TEST/TESTS/TESTING (<c>FMT_TEST</c>, <c>JSON_BuildTests</c>, <c>DOCTEST_WITH_TESTS</c> — but not
    /// <c>DOCTEST_NO_INSTALL</c>), and no word naming something costlier or other than tests.
    /// </summary>
    internal static bool IsTestSwitch(string name)
    {
        var words = name.Split('_', StringSplitOptions.RemoveEmptyEntries);
        var afterPrefix = words.Length > 1 ? words[1..] : words;
        return afterPrefix.Any(w => w.EndsWith("TEST", StringComparison.OrdinalIgnoreCase) || w.EndsWith("TESTS", StringComparison.OrdinalIgnoreCase)
                   || w.EndsWith("TESTING", StringComparison.OrdinalIgnoreCase))
               && !afterPrefix.Any(w => NotTestSwitches.Any(n => w.Contains(n, StringComparison.OrdinalIgnoreCase))
                   || NotTestWords.Contains(w, StringComparer.OrdinalIgnoreCase));
    }

    private static string ReadText(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Length > MaxFileBytes ? "" : StripComments(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static string StripComments(string text) => LineComment().Replace(text, "");

    [GeneratedRegex(@"(?im)^\s*(enable_testing\s*\(|include\s*\(\s*CTest\s*\)|add_test\s*\(|\w+_discover_tests\s*\(|catch_discover_tests\s*\(|doctest_discover_tests\s*\(|gtest_add_tests\s*\()")]
    private static partial Regex DefinesTests();

    // option(NAME "doc" OFF), cmake_dependent_option(NAME ...), set(NAME OFF CACHE BOOL "doc").
    [GeneratedRegex(@"(?i)\b(?:option|cmake_dependent_option)\s*\(\s*(?<name>[A-Za-z_][A-Za-z0-9_]*)\b|\bset\s*\(\s*(?<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?:ON|OFF|TRUE|FALSE|YES|NO|0|1)\s+CACHE\s+BOOL\b")]
    private static partial Regex OptionOrCachedBool();

    [GeneratedRegex(@"(?i)include\s*\(\s*CTest\s*\)|\bBUILD_TESTING\b")]
    private static partial Regex UsesBuildTesting();

    [GeneratedRegex(@"(?m)#(?!\[\[).*$")]
    private static partial Regex LineComment();
}
