using System.Text;
using System.Text.RegularExpressions;

namespace Honk.Validators;

/// <summary>
/// Reads mocha's spec reporter: after <c>N failing</c>, numbered blocks (<c>1) Suite</c> / <c>test:</c>) with the
/// error message, the diff and the first stack frame outside <c>node_modules</c>.
/// </summary>
public sealed partial class MochaOutputParser : OutputParser
{
    /// <inheritdoc />
    public override string? DescribeSuccess(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var match = Passing().Match(output);
        return match.Success ? TestsPassed(match.Groups["count"].Value) : null;
    }

    /// <inheritdoc />
    public override int? CountTestsRun(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var text = StripAnsi(output);
        var passing = Passing().Match(text);
        if (!passing.Success)
        {
            return NoFiles().IsMatch(text) ? 0 : null;
        }

        var failing = FailingCount().Match(text);
        return ToInt(passing.Groups["count"].Value) + (failing.Success ? ToInt(failing.Groups["count"].Value) : 0);
    }

    /// <inheritdoc />
    protected override IReadOnlyList<ValidationFinding> ParseLines(IReadOnlyList<string> lines)
    {
        var start = -1;
        for (var i = 0; i < lines.Count && start < 0; i++)
        {
            if (Failing().IsMatch(lines[i]))
            {
                start = i + 1;
            }
        }

        var findings = new List<ValidationFinding>();
        if (start < 0)
        {
            return findings;
        }

        for (var i = start; i < lines.Count; i++)
        {
            var header = Numbered().Match(lines[i]);
            if (!header.Success)
            {
                continue;
            }

            // The title spans lines until the one ending with ':' (suite names, then the test's).
            var title = new List<string> { header.Groups["title"].Value.Trim() };
            var j = i + 1;
            while (!title[^1].EndsWith(':') && j < lines.Count && lines[j].Trim().Length > 0)
            {
                title.Add(lines[j].Trim());
                j++;
            }

            var message = new StringBuilder();
            string? file = null;
            int? line = null;
            for (; j < lines.Count && !Numbered().IsMatch(lines[j]); j++)
            {
                var text = lines[j].Trim();
                if (text.StartsWith("at ", StringComparison.Ordinal))
                {
                    if (file is null && !text.Contains("node_modules", StringComparison.Ordinal) && !text.Contains("node:", StringComparison.Ordinal)
                        && Frame().Match(text) is { Success: true } frame)
                    {
                        file = frame.Groups["file"].Value;
                        line = ToInt(frame.Groups["line"].Value);
                    }

                    continue;
                }

                if (text.Length > 0)
                {
                    message.Append(text).Append('\n');
                }
            }

            i = j - 1;
            findings.Add(new ValidationFinding(message.Length > 0 ? message.ToString().TrimEnd() : "test failed")
            {
                TestName = string.Join(' ', title).TrimEnd(':'),
                File = file,
                Line = line,
            });
        }

        return findings;
    }

    [GeneratedRegex(@"^\s*\d+ failing\s*$")]
    private static partial Regex Failing();

    [GeneratedRegex(@"^\s*(?<count>\d+) failing\s*$", RegexOptions.Multiline)]
    private static partial Regex FailingCount();

    [GeneratedRegex(@"^Error: No test files found", RegexOptions.Multiline)]
    private static partial Regex NoFiles();

    [GeneratedRegex(@"^\s*(?<count>\d+) passing", RegexOptions.Multiline)]
    private static partial Regex Passing();

    [GeneratedRegex(@"^\s{0,4}\d+\) (?<title>.+)$")]
    private static partial Regex Numbered();

    [GeneratedRegex(@"\(?(?:file://)?(?<file>[^\s()]+?\.[cm]?[jt]sx?):(?<line>\d+):\d+\)?")]
    private static partial Regex Frame();
}
