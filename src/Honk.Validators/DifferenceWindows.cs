using System.Text.RegularExpressions;

namespace Honk.Validators;

/// <summary>
/// Shows where two long compared values differ. Runners print an expected/actual pair as two adjacent lines
/// (<c>expected: '…'</c> / <c>actual: '…'</c>, <c>Expected: …</c> / <c>Received: …</c>, <c>+ '…'</c> / <c>- '…'</c>);
/// when such lines are too long to show whole, cutting their ends hides the difference whenever it lies near the end.
/// Both lines are shown from a little before their first differing character instead, at the same offset.
/// </summary>
internal static partial class DifferenceWindows
{
    /// <summary>Characters of common text kept before the first difference.</summary>
    private const int Lead = 40;

    private const string Elision = "...";

    /// <summary>Rewrites adjacent long lines that share a long beginning to start near their first difference.</summary>
    /// <param name="lines">The message's lines.</param>
    /// <param name="maxChars">The longest line that is shown whole.</param>
    /// <returns>The same list, rewritten in place.</returns>
    public static List<string> Apply(List<string> lines, int maxChars)
    {
        for (var i = 0; i + 1 < lines.Count; i++)
        {
            if (lines[i].Length <= maxChars && lines[i + 1].Length <= maxChars)
            {
                continue;
            }

            var first = Labelled().Match(lines[i]);
            var second = Labelled().Match(lines[i + 1]);
            var a = first.Groups["value"].Value;
            var b = second.Groups["value"].Value;
            var common = CommonPrefix(a, b);
            if (common <= Lead || common >= Math.Min(a.Length, b.Length) && a.Length == b.Length)
            {
                continue;
            }

            var start = common - Lead;
            lines[i] = first.Groups["label"].Value + Elision + a[start..];
            lines[i + 1] = second.Groups["label"].Value + Elision + b[start..];
            i++;
        }

        return lines;
    }

    private static int CommonPrefix(string a, string b)
    {
        var length = Math.Min(a.Length, b.Length);
        var i = 0;
        while (i < length && a[i] == b[i])
        {
            i++;
        }

        return i;
    }

    // A short label ("expected:", "Received:", "+", "-") before the compared value; the label may be absent.
    [GeneratedRegex(@"^(?<label>(?:[+\-]\s?|[A-Za-z][A-Za-z ]{0,20}:\s*)?)(?<value>.*)$")]
    private static partial Regex Labelled();
}
