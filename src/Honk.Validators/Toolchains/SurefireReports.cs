using System.Globalization;
using System.Xml;

namespace Honk.Validators.Toolchains;

/// <summary>
/// Reads the JUnit XML reports Surefire writes (<c>target/surefire-reports/TEST-*.xml</c>, one per test class run).
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
