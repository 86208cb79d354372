using System.Text;
using System.Text.RegularExpressions;

namespace Honk.Validators;

/// <summary>
/// Reads node:test's spec reporter (<c>✖ name (1.2ms)</c> with the indented error below). When the run ends with
/// the <c>✖ failing tests:</c> recap, only the recap is read: it names each test's location.
/// </summary>
public sealed partial class NodeTestSpecParser : OutputParser
{
    /// <inheritdoc />
    public override string? DescribeSuccess(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var match = PassCount().Match(output);
        return match.Success ? TestsPassed(match.Groups["count"].Value) : null;
    }

    /// <inheritdoc />
    public override int? CountTestsRun(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var match = TestsCount().Match(StripAnsi(output));
        return match.Success ? ToInt(match.Groups["count"].Value) : null;
    }

    /// <inheritdoc />
    protected override IReadOnlyList<ValidationFinding> ParseLines(IReadOnlyList<string> lines)
    {
        var recap = -1;
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Trim() == "✖ failing tests:")
            {
                recap = i;
            }
        }

        var findings = new List<ValidationFinding>();
        string? location = null;
        for (var i = Math.Max(0, recap + 1); i < lines.Count; i++)
        {
            if (recap >= 0 && TestAt().Match(lines[i]) is { Success: true } at)
            {
                location = at.Groups["location"].Value;
                continue;
            }

            var failed = Failed().Match(lines[i]);
            if (!failed.Success)
            {
                continue;
            }

            var indent = failed.Groups["indent"].Length;
            var block = new List<string>();
            var j = i + 1;
            for (; j < lines.Count && (lines[j].Length == 0 || Indent(lines[j]) > indent); j++)
            {
                block.Add(lines[j]);
            }

            i = j - 1;
            if (block.All(l => l.Trim().Length == 0))
            {
                // A suite's line: its failing tests are listed on their own.
                location = null;
                continue;
            }

            var (message, frame) = Read(block);
            var where = Location().Match(location ?? frame ?? "");
            findings.Add(new ValidationFinding(message)
            {
                TestName = failed.Groups["name"].Value.Trim(),
                File = where.Success ? where.Groups["file"].Value : null,
                Line = where.Success ? ToInt(where.Groups["line"].Value) : null,
            });
            location = null;
        }

        return findings;
    }

    private static (string Message, string? Frame) Read(List<string> block)
    {
        var message = new StringBuilder();
        string? frame = null;
        string? expected = null;
        string? actual = null;
        foreach (var raw in block)
        {
            var line = raw.Trim();
            if (line.StartsWith("at ", StringComparison.Ordinal))
            {
                if (frame is null && !line.Contains("node:", StringComparison.Ordinal) && !line.Contains("node_modules", StringComparison.Ordinal))
                {
                    frame = line;
                }

                continue;
            }

            if (Property().Match(line) is { Success: true } property)
            {
                if (property.Groups["key"].Value == "expected")
                {
                    expected = property.Groups["value"].Value;
                }
                else if (property.Groups["key"].Value == "actual")
                {
                    actual = property.Groups["value"].Value;
                }

                continue;
            }

            if (line is "{" or "}" || line.Length == 0 || Property().IsMatch(line.TrimEnd(',')))
            {
                continue;
            }

            message.Append(line).Append('\n');
        }

        if (expected is not null && actual is not null)
        {
            message.Append("expected: ").Append(expected).Append("\nactual: ").Append(actual);
        }

        return (message.Length == 0 ? "test failed" : message.ToString().TrimEnd(), frame);
    }

    private static int Indent(string line) => line.Length - line.TrimStart().Length;

    [GeneratedRegex(@"^(?<indent>\s*)✖ (?<name>.+?) \([\d.]+m?s\)\s*$")]
    private static partial Regex Failed();

    [GeneratedRegex(@"^\s*test at (?<location>\S+)\s*$")]
    private static partial Regex TestAt();

    [GeneratedRegex(@"^(?<key>generatedMessage|code|actual|expected|operator):\s*(?<value>.*?),?$")]
    private static partial Regex Property();

    [GeneratedRegex(@"(?:file://)?(?<file>/[^\s:()']+|[\w.\-/]+\.[cm]?[jt]sx?):(?<line>\d+)(:\d+)?")]
    private static partial Regex Location();

    [GeneratedRegex(@"^ℹ tests (?<count>\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex TestsCount();

    [GeneratedRegex(@"^ℹ pass (?<count>\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex PassCount();
}
