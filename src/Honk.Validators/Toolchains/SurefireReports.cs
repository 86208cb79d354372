using System.Globalization;
using System.Xml;

namespace Honk.Validators.Toolchains;

/// <summary>
/// Reads the JUnit XML reports Surefire (and Gradle) writes (<c>target/surefire-reports/TEST-*.xml</c>, one per test class run).
/// Maven runs quietly (<c>-q</c>) and prints nothing about tests that pass, nor "No tests to run." (an INFO line): the
/// reports written by this run are what tells "ran 12 tests" from "ran none".
/// </summary>
internal static class SurefireReports
{
    private static readonly EnumerationOptions Everywhere = new() { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };

    /// <summary>How many reports under <paramref name="folder"/> were written at or after <paramref name="sinceUtc"/>, and how many tests they count.</summary>
    /// <param name="folder">The Maven project's folder (its modules are below it).</param>
    /// <param name="sinceUtc">When the run started; older reports are from earlier runs (nothing is cleaned between rounds).</param>
    /// <returns>The number of fresh reports and the tests they ran.</returns>
    public static (int Reports, int Tests) WrittenSince(string folder, DateTime sinceUtc)
    {
        var (reports, tests) = (0, 0);
        if (!Directory.Exists(folder))
        {
            return (0, 0);
        }

        foreach (var directory in Directory.EnumerateDirectories(folder, "surefire-reports", Everywhere))
        {
            foreach (var report in Directory.EnumerateFiles(directory, "TEST-*.xml"))
            {
                if (File.GetLastWriteTimeUtc(report) < sinceUtc)
                {
                    continue;
                }

                reports++;
                tests += CountTests(report);
            }
        }

        return (reports, tests);
    }

    /// <summary>
    /// Re-runs failing tests once, the way Maven and Gradle both do: the step's command with
    /// <paramref name="selection"/>'s arguments added, then the JUnit XML reports (<c>TEST-*.xml</c>) it wrote under
    /// folders named <paramref name="reportsFolderName"/> tell which passed. Runners select by method, so a
    /// parameterised test's invocations all run again; a failure that names one invocation passed when that invocation
    /// did, a failure that names a method when every case of it did.
    /// </summary>
    /// <param name="step">The test step that failed.</param>
    /// <param name="failures">The failing tests (each has a test name).</param>
    /// <param name="run">Runs a command in the sandbox.</param>
    /// <param name="context">The validation context.</param>
    /// <param name="selection">The arguments that select these tests (names a class and a method each).</param>
    /// <param name="reportsFolderName"><c>surefire-reports</c> (Maven) or <c>test-results</c> (Gradle).</param>
    /// <param name="cancellationToken">Cancels the re-run.</param>
    /// <returns>The names of the failures that passed.</returns>
    public static async ValueTask<IReadOnlyCollection<string>> RerunAsync(
        ValidationStep step, IReadOnlyList<ValidationFinding> failures, Func<CommandRequest, CancellationToken, Task<CommandResult>> run,
        ValidationContext context, Func<IReadOnlyList<JvmTestName>, IEnumerable<string>> selection, string reportsFolderName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(failures);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(selection);
        var named = failures.Select(f => (f.TestName!, Parsed: JvmTestName.Parse(f.TestName!)))
            .Where(f => f.Parsed is not null).Select(f => (Name: f.Item1, Test: f.Parsed!.Value)).ToList();
        if (named.Count == 0)
        {
            return [];
        }

        // The file system's clock, not the validator's; a second of slack for coarse timestamps.
        var started = DateTime.UtcNow - TimeSpan.FromSeconds(1);
        await run(step.Request with { Arguments = [.. step.Request.Arguments, .. selection([.. named.Select(f => f.Test)])] }, cancellationToken).ConfigureAwait(false);
        var cases = CasesSince(Path.Combine(context.Workspace.RootPath, step.Request.WorkingDirectory ?? ""), sinceUtc: started, reportsFolderName);
        return [.. named.Where(f => PassedAgain(f.Test, cases)).Select(f => f.Name)];
    }

    /// <summary>The methods to select, each once: <c>(Class, method, whether a failure of it is parameterised)</c>.</summary>
    /// <param name="tests">The failing tests.</param>
    /// <returns>The methods in the order first named.</returns>
    public static IEnumerable<(string Class, string Method, bool Parameterised)> Methods(IEnumerable<JvmTestName> tests)
        => tests.GroupBy(t => (t.Class, t.Method)).Select(g => (g.Key.Class, g.Key.Method, g.Any(t => t.Parameterised)));

    /// <summary>A failure passed again when the re-run's reports have it, and every case of it they have passed.</summary>
    private static bool PassedAgain(JvmTestName failure, IReadOnlyList<(JvmTestName Test, bool Passed)> cases)
    {
        var same = cases.Where(c => failure.Covers(c.Test)).ToList();
        return same.Count > 0 && same.All(c => c.Passed);
    }

    /// <summary>
    /// The test cases in the JUnit XML reports (<c>TEST-*.xml</c>, Surefire's and Gradle's alike) under folders named
    /// <paramref name="reportsFolderName"/> below <paramref name="folder"/>, written at or after <paramref name="sinceUtc"/>:
    /// each <c>testcase</c>, passed when it has no failure, error or skip.
    /// </summary>
    private static List<(JvmTestName Test, bool Passed)> CasesSince(string folder, DateTime sinceUtc, string reportsFolderName)
    {
        var cases = new List<(JvmTestName, bool)>();
        if (!Directory.Exists(folder))
        {
            return cases;
        }

        foreach (var directory in Directory.EnumerateDirectories(folder, reportsFolderName, Everywhere))
        {
            foreach (var report in Directory.EnumerateFiles(directory, "TEST-*.xml", Everywhere).Where(r => File.GetLastWriteTimeUtc(r) >= sinceUtc))
            {
                ReadCases(report, cases);
            }
        }

        return cases;
    }

    /// <summary>A test's name as the reports and the parsers write it, without a trailing <c>()</c>.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The name to compare.</returns>
    public static string Comparable(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.EndsWith("()", StringComparison.Ordinal) ? name[..^2] : name;
    }

    private static void ReadCases(string report, List<(JvmTestName, bool)> cases)
    {
        try
        {
            var document = new XmlDocument { XmlResolver = null };
            using (var reader = XmlReader.Create(report, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null }))
            {
                document.Load(reader);
            }

            foreach (XmlElement testCase in document.GetElementsByTagName("testcase"))
            {
                if (JvmTestName.Parse($"{testCase.GetAttribute("classname")}.{testCase.GetAttribute("name")}") is not { } test)
                {
                    continue;
                }

                var bad = testCase.ChildNodes.OfType<XmlElement>().Any(e => e.LocalName is "failure" or "error" or "skipped" or "flakyFailure" or "flakyError" or "rerunFailure" or "rerunError");
                cases.Add((test, !bad));
            }
        }
        catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException)
        {
            // A report that cannot be read vouches for nothing.
        }
    }

    /// <summary>The root <c>testsuite</c>'s <c>tests</c> attribute; 0 when the file cannot be read (it says nothing ran).</summary>
    private static int CountTests(string report)
    {
        try
        {
            using var reader = XmlReader.Create(report, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
            return reader.MoveToContent() == XmlNodeType.Element
                && int.TryParse(reader.GetAttribute("tests"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count)
                ? count
                : 0;
        }
        catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
