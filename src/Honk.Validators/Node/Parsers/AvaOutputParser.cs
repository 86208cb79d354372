using System.Text;
using System.Text.RegularExpressions;

namespace Honk.Validators;

/// <summary>
/// Reads ava's default reporter: <c>✘ [fail]: title message</c> lines, and, when present, the detail blocks between
/// <c>─</c> rules (title, <c>file:line</c>, the difference) that replace them.
/// </summary>
public sealed partial class AvaOutputParser : OutputParser
{
    /// <inheritdoc />
    public override string? DescribeSuccess(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var match = Passed().Match(output);
        return match.Success ? TestsPassed(match.Groups["count"].Value) : null;
    }

    /// <inheritdoc />
    protected override IReadOnlyList<ValidationFinding> ParseLines(IReadOnlyList<string> lines)
    {
        var failed = new List<(string Title, string Detail)>();
        foreach (var line in lines)
        {
            if (FailLine().Match(line) is { Success: true } match)
            {
                failed.Add((match.Groups["title"].Value.Trim(), match.Groups["rest"].Value.Trim()));
            }
        }

        if (failed.Count == 0)
        {
            return [];
        }

        var details = Details(lines, failed.Select(f => f.Title).ToHashSet(StringComparer.Ordinal));
        return [.. failed.Select(f => details.TryGetValue(f.Title, out var detail)
            ? detail
            : new ValidationFinding(f.Detail.Length > 0 ? f.Detail : "test failed") { TestName = f.Title })];
    }

    private static Dictionary<string, ValidationFinding> Details(IReadOnlyList<string> lines, HashSet<string> titles)
    {
        var result = new Dictionary<string, ValidationFinding>(StringComparer.Ordinal);
        var blocks = new List<List<string>>();
        List<string>? current = null;
        foreach (var line in lines)
        {
            if (line.Trim() == "─")
            {
                current = [];
                blocks.Add(current);
                continue;
            }

            current?.Add(line);
        }

        foreach (var block in blocks)
        {
            var content = block.Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            if (content.Count == 0 || !titles.Contains(content[0]))
            {
                continue;
            }

            string? file = null;
            int? line = null;
            var message = new StringBuilder();
            foreach (var text in content.Skip(1))
            {
                if (file is null && Location().Match(text) is { Success: true } location)
                {
                    file = location.Groups["file"].Value;
                    line = ToInt(location.Groups["line"].Value);
                    continue;
                }

                if (CodeFrame().IsMatch(text) || text.StartsWith('›'))
                {
                    continue;
                }

                message.Append(text).Append('\n');
            }

            result[content[0]] = new ValidationFinding(message.Length > 0 ? message.ToString().TrimEnd() : "test failed")
            {
                TestName = content[0],
                File = file,
                Line = line,
            };
        }

        return result;
    }

    [GeneratedRegex(@"^\s*✘ \[fail\]: (?<title>.+?)(?<rest>\s+(Difference|Error|Assertion|Rejected|Expected|Failed|Test).*)?$")]
    private static partial Regex FailLine();

    [GeneratedRegex(@"^(?<file>[^\s:]+\.[cm]?[jt]sx?):(?<line>\d+)$")]
    private static partial Regex Location();

    [GeneratedRegex(@"^\d+:\s")]
    private static partial Regex CodeFrame();

    [GeneratedRegex(@"^\s*(?<count>\d+) tests? passed", RegexOptions.Multiline)]
    private static partial Regex Passed();
}
