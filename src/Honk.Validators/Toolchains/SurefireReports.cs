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
    /// The tests that passed in the JUnit XML reports (<c>TEST-*.xml</c>, Surefire's and Gradle's alike) under folders
    /// named <paramref name="reportsFolderName"/> below <paramref name="folder"/>, written at or after
    /// <paramref name="sinceUtc"/>: <c>class.method</c> of each <c>testcase</c> with no failure, error or skip, and that
    /// failed in no other fresh report.
    /// </summary>
    /// <param name="folder">The project's folder.</param>
    /// <param name="sinceUtc">When the run started.</param>
    /// <param name="reportsFolderName"><c>surefire-reports</c> (Maven) or <c>test-results</c> (Gradle).</param>
    /// <returns>The names, without a trailing <c>()</c>.</returns>
    public static IReadOnlySet<string> PassedSince(string folder, DateTime sinceUtc, string reportsFolderName)
    {
        var passed = new HashSet<string>(StringComparer.Ordinal);
        var failed = new HashSet<string>(StringComparer.Ordinal);
        if (!Directory.Exists(folder))
        {
            return passed;
        }

        foreach (var directory in Directory.EnumerateDirectories(folder, reportsFolderName, Everywhere))
        {
            foreach (var report in Directory.EnumerateFiles(directory, "TEST-*.xml", Everywhere).Where(r => File.GetLastWriteTimeUtc(r) >= sinceUtc))
            {
                ReadCases(report, passed, failed);
            }
        }

        passed.ExceptWith(failed);
        return passed;
    }

    /// <summary>A test's name as the reports and the parsers write it, without a trailing <c>()</c>.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The name to compare.</returns>
    public static string Comparable(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.EndsWith("()", StringComparison.Ordinal) ? name[..^2] : name;
    }

    private static void ReadCases(string report, HashSet<string> passed, HashSet<string> failed)
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
                var name = Comparable($"{testCase.GetAttribute("classname")}.{testCase.GetAttribute("name")}");
                var bad = testCase.ChildNodes.OfType<XmlElement>().Any(e => e.LocalName is "failure" or "error" or "skipped" or "flakyFailure" or "flakyError" or "rerunFailure" or "rerunError");
                (bad ? failed : passed).Add(name);
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
