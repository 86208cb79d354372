using System.Text.RegularExpressions;

namespace Honk.Validators;

/// <summary>
/// Recognises the output of a test run that ran no test at all, across common runners, so a passing exit code with
/// nothing tested is not taken for a pass where the repository has tests. Validators that know their runner better
/// may decide it themselves (<see cref="ValidationStepResult.NoTestsRan"/>); this is the common net under them.
/// </summary>
public static partial class ZeroTests
{
    /// <summary>What in the output shows that no test ran, or <see langword="null"/> when tests ran (or it cannot tell).</summary>
    /// <param name="output">The test command's output.</param>
    /// <returns>A short quote, e.g. <c>"No tests were found"</c>.</returns>
    public static string? Seen(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var (pattern, ranSome) in Patterns)
        {
            var match = pattern.Match(output);
            if (match.Success && (ranSome is null || !ranSome.IsMatch(output)))
            {
                return $"\"{match.Value.Trim()}\"";
            }
        }

        return null;
    }

    /// <summary>Whether the repository holds files that look like tests (so zero tests run is a failure, not a fact).</summary>
    /// <param name="facts">The repository's files.</param>
    /// <returns>One such file, or <see langword="null"/>.</returns>
    public static string? ATestFile(RepositoryFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return facts.Files.FirstOrDefault(f => TestFile().IsMatch(f));
    }

    /// <summary>Each pattern of "nothing ran", with the pattern that shows some tests ran after all (several test binaries or packages).</summary>
    private static readonly (Regex Pattern, Regex? RanSome)[] Patterns =
    [
        (Rx(@"No tests were found!*"), null),                                        // ctest
        (Rx(@"no tests ran in [\d.]+s"), null),                                       // pytest
        (Rx(@"collected 0 items"), null),                                             // pytest
        (Rx(@"running 0 tests"), Rx(@"running [1-9]\d* tests?")),                     // cargo
        (Rx(@"\[no test files\]|testing: warning: no tests to run"), Rx(@"^(ok|---\s+PASS)\s", RegexOptions.Multiline)), // go
        (Rx(@"No test is available in .*|No test matches the given testcase filter.*"), Rx(@"Passed!|Total tests: [1-9]")), // dotnet
        (Rx(@"^\s*(#|ℹ) tests 0\s*$", RegexOptions.Multiline), null),                 // node:test
        (Rx(@"No tests found, exiting with code \d+|No test files found.*"), null),   // jest, vitest
        (Rx(@"^\s*0 passing\b.*$", RegexOptions.Multiline), Rx(@"^\s*[1-9]\d* passing", RegexOptions.Multiline)), // mocha
        (Rx(@"^honk-gradle: \S+ ran 0 tests$", RegexOptions.Multiline), Rx(@"^honk-gradle: \S+ ran [1-9]\d* tests$", RegexOptions.Multiline)), // gradle, the validator's init script

        // make's own word that the test target ran no recipe: the target has none and its prerequisites are built, or
        // a file or folder named like it (a `test/` folder without .PHONY) makes it "up to date". Only the top make
        // (a sub-make in one folder may have nothing to do while others test).
        (Rx(@"^make: (Nothing to be done for [`'‘](test|check)['’]|[`'‘](test|check)['’] is up to date)\.?", RegexOptions.Multiline), null),
    ];

    private static Regex Rx(string pattern, RegexOptions options = RegexOptions.None)
        => new(pattern, options | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>test_x.py, x_test.go, x.test.js, XTests.cs, tests/..., spec/..., src/test/java/...</summary>
    [GeneratedRegex(@"(^|/)(tests?|specs?|__tests__)/|(^|/)test_[^/]+\.py$|_test\.(go|py|c|cc|cpp)$|\.(test|spec)\.[cm]?[jt]sx?$|Tests?\.(cs|fs|vb|java|kt)$", RegexOptions.IgnoreCase)]
    private static partial Regex TestFile();
}
