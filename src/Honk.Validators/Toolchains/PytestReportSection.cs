using System.Globalization;
using System.Text.RegularExpressions;

namespace Honk.Validators.Toolchains;

/// <summary>One <c>____ title ____</c> block of pytest's FAILURES or ERRORS report.</summary>
internal sealed partial class PytestReportSection(string title)
{
    public string Title { get; } = title;

    public List<string> Lines { get; } = [];

    /// <summary>The first block of <c>E</c> lines: the assertion with pytest's explanation of it.</summary>
    public string Explanation(int maxLines)
    {
        var explanation = new List<string>();
        foreach (var line in Lines)
        {
            if (line.Length > 0 && line[0] == 'E' && (line.Length == 1 || line[1] == ' '))
            {
                if (explanation.Count < maxLines)
                {
                    explanation.Add(line.Length > 1 ? line[1..].Trim() : "");
                }
            }
            else if (explanation.Count > 0)
            {
                break;
            }
        }

        return string.Join('\n', explanation.Where(l => l.Length > 0));
    }

    /// <summary>The file of the traceback's first frame (the test's own), when the section shows one.</summary>
    public string? FirstFile()
        => Lines.Select(l => Location().Match(l)).FirstOrDefault(m => m.Success)?.Groups["file"].Value;

    /// <summary>The line of <paramref name="file"/> the traceback points at (the test's own frame), when shown.</summary>
    public int? LineIn(string file)
    {
        int? found = null;
        foreach (var line in Lines)
        {
            if (Location().Match(line) is { Success: true } at && at.Groups["file"].Value == file)
            {
                // Long tracebacks list the test's frame last of its file; short ones first. Both point into the test.
                found ??= int.Parse(at.Groups["line"].Value, CultureInfo.InvariantCulture);
            }
        }

        return found;
    }

    [GeneratedRegex(@"^(?<file>[^\s:][^:]*\.py):(?<line>\d+):")]
    private static partial Regex Location();
}
