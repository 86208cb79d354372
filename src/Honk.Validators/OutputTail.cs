using System.Text;
using System.Text.RegularExpressions;

namespace Honk.Validators;

/// <summary>
/// The raw fallback when no parser recognised a failing command's output: runners print their verdict ("2 tests
/// failed", the totals) at the end and name failing tests earlier, so the text kept is the lines that report a failure
/// (before the end) followed by the end itself, without blank lines and stack frames of node_modules or the runtime.
/// </summary>
internal static partial class OutputTail
{
    /// <summary>Lines of the end kept at most.</summary>
    public const int EndLines = 10;

    /// <summary>Lines reporting a failure kept at most from before the end.</summary>
    public const int FailureLines = 5;

    private const int MaxBytes = 1200;
    private const int MaxLineChars = 200;

    /// <summary>Picks the lines to show from a failing command's output.</summary>
    /// <param name="output">The whole output.</param>
    /// <returns>At most <see cref="FailureLines"/> + <see cref="EndLines"/> + 1 lines, within about 1.2 KB.</returns>
    public static string Extract(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var lines = OutputParser.SplitLines(output).Where(l => l.Trim().Length > 0 && !IsNoise(l)).ToList();
        if (lines.Count == 0)
        {
            return output.Trim().Length == 0 ? "(it printed nothing)" : "(it printed only stack frames of node_modules or the runtime and npm's epilogue)";
        }

        var end = new List<string>();
        var bytes = 0;
        for (var i = lines.Count - 1; i >= 0 && end.Count < EndLines; i--)
        {
            var line = Cut(lines[i]);
            bytes += Encoding.UTF8.GetByteCount(line) + 1;
            if (bytes > MaxBytes * 2 / 3 && end.Count > 0)
            {
                break;
            }

            end.Insert(0, line);
        }

        var before = lines.Count - end.Count;
        var failures = lines.Take(before).Where(l => FailureMarker().IsMatch(l)).Select(Cut).Distinct(StringComparer.Ordinal).ToList();
        var text = new StringBuilder();
        if (failures.Count > 0)
        {
            foreach (var line in failures.Take(FailureLines))
            {
                text.Append(line).Append('\n');
            }

            text.Append(failures.Count > FailureLines ? $"... ({failures.Count - FailureLines} more failure lines; the end of the output:)\n" : "... (the end of the output:)\n");
        }
        else if (before > 0)
        {
            text.Append("... (").Append(before).Append(before == 1 ? " line before)\n" : " lines before)\n");
        }

        foreach (var line in end)
        {
            text.Append(line).Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }

    private static bool IsNoise(string line)
    {
        var trimmed = line.TrimStart();
        if (trimmed.StartsWith("at ", StringComparison.Ordinal))
        {
            // A stack frame is noise unless it points at the repository's own code.
            return trimmed.Contains("node_modules", StringComparison.Ordinal) || trimmed.Contains("node:", StringComparison.Ordinal)
                || trimmed.Contains("(<anonymous>)", StringComparison.Ordinal) || trimmed.Contains("internal/", StringComparison.Ordinal);
        }

        return NpmBoilerplate().IsMatch(trimmed);
    }

    private static string Cut(string line)
    {
        var trimmed = line.TrimEnd();
        return trimmed.Length <= MaxLineChars ? trimmed : trimmed[..(MaxLineChars - 3)] + "...";
    }

    // Lines that say something failed: runner marks (✖ ✘ × ✕), TAP "not ok", FAIL/FAILED, "N failed/failing", errors.
    [GeneratedRegex(@"[✖✘×✕]|\bnot ok\b|\bFAIL(ED)?\b|\b\d+ (tests? )?(failed|failing)\b|\b\w*Error\b|\bAssertion\b|\bpanicked\b", RegexOptions.CultureInvariant)]
    private static partial Regex FailureMarker();

    // npm's own epilogue after a failing script says nothing about the failure itself.
    [GeneratedRegex(@"^npm (ERR!|error) (code|path|command|errno|workspace|location|A complete log|Lifecycle script|\s*$|in workspace|at location)|^npm (ERR!|error)\s*$|^ELIFECYCLE|^error Command failed with exit code|^info Visit https://yarnpkg")]
    private static partial Regex NpmBoilerplate();
}
