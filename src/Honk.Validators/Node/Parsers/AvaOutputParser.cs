using System.Text;
using System.Text.RegularExpressions;

namespace Honk.Validators;

/// <summary>
/// Reads ava's default reporter: <c>✘ [fail]: title message</c> lines (ava 5 and later) or <c>✖ title</c> lines
/// (ava 3 and 4), and, when present, the detail blocks between <c>─</c> rules (title, <c>file:line</c>, the
/// difference) that replace them. Run-level problems (<c>✖ Timed out</c>, <c>✖ No tests found in …</c>) are findings
/// without a test name.
/// </summary>
/// <remarks>
/// node:test's spec reporter also marks failures with <c>✖</c>, always followed by a duration; ava's <c>✖</c> lines
/// are read only when the output has ava's verdict (<c>N tests failed</c>) or its <c>─</c> rule, and never end with a
/// duration.
/// </remarks>
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
    public override int? CountTestsRun(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var text = StripAnsi(output);
        if (Passed().Match(text) is { Success: true } passed)
        {
            return ToInt(passed.Groups["count"].Value);
        }

        return NoFiles().IsMatch(text) ? 0 : null;
    }

    /// <inheritdoc />
    protected override IReadOnlyList<ValidationFinding> ParseLines(IReadOnlyList<string> lines)
    {
        var failed = new List<(string Title, string Detail)>();
        var problems = new List<ValidationFinding>();
        var readCrosses = lines.Any(l => l.Trim() == "─" || Verdict().IsMatch(l));
        foreach (var line in lines)
        {
            var match = FailLine().Match(line);
            if (!match.Success && readCrosses)
            {
                match = CrossLine().Match(line);
            }

            if (!match.Success)
            {
                continue;
            }

            var title = match.Groups["title"].Value.Trim();
            var runProblem = RunProblem().IsMatch(title);
            if (line.Contains('✘', StringComparison.Ordinal) && !match.Groups["fail"].Success && !runProblem)
            {
                // ava's "✘ [fail]:" without its tag is another runner's mark (uvu's "✘ • ✘ (1 / 3)").
                continue;
            }

            if (runProblem)
            {
                problems.Add(new ValidationFinding(title + match.Groups["rest"].Value.TrimEnd()));
                continue;
            }

            failed.Add((title, match.Groups["rest"].Value.Trim()));
        }

        if (failed.Count == 0)
        {
            return problems;
        }

        // ava prints a failure's own message after its title on the ✘ line ("✘ [fail]: main 290 ≤ 434.2 ≰ 430", from
        // t.true(ok, message) or an assertion's custom message); the detail blocks' headers tell where the title ends.
        // Without this, the name changes from run to run (timings in the message), never matches the base and takes
        // its neighbours' details.
        var headers = BlockHeaders(lines);
        failed = [.. failed.Select(f => SplitAtHeader(f, headers))];
        var details = Details(lines, failed.Select(f => f.Title).ToHashSet(StringComparer.Ordinal));
        return [.. problems, .. failed.Select(f => details.TryGetValue(f.Title, out var detail)
            ? detail
            : new ValidationFinding(f.Detail.Length > 0 ? f.Detail : "test failed") { TestName = f.Title })];
    }

    /// <summary>The titles that open detail blocks: a line after the first rule whose next non-blank line is <c>file:line</c>.</summary>
    private static HashSet<string> BlockHeaders(IReadOnlyList<string> lines)
    {
        var headers = new HashSet<string>(StringComparer.Ordinal);
        var content = lines.SkipWhile(l => l.Trim() != "─").Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        for (var i = 0; i + 1 < content.Count; i++)
        {
            if (content[i] != "─" && !Location().IsMatch(content[i]) && Location().IsMatch(content[i + 1]))
            {
                headers.Add(content[i]);
            }
        }

        return headers;
    }

    private static (string Title, string Detail) SplitAtHeader((string Title, string Detail) failure, HashSet<string> headers)
    {
        if (headers.Contains(failure.Title))
        {
            return failure;
        }

        var header = headers.Where(h => failure.Title.StartsWith(h + " ", StringComparison.Ordinal)).MaxBy(h => h.Length);
        return header is null ? failure : (header, (failure.Title[header.Length..].Trim() + " " + failure.Detail).Trim());
    }

    private static Dictionary<string, ValidationFinding> Details(IReadOnlyList<string> lines, HashSet<string> titles)
    {
        var result = new Dictionary<string, ValidationFinding>(StringComparer.Ordinal);
        var blocks = new List<List<string>>();
        List<string>? current = null;
        var inSection = false;
        foreach (var line in lines)
        {
            if (line.Trim() == "─")
            {
                // ava 2 put a rule between blocks; ava 3 and later put one before and one after all of them.
                inSection = true;
                current = [];
                blocks.Add(current);
                continue;
            }

            if (inSection && titles.Contains(line.Trim()) && current is { Count: > 0 } && current.Any(l => l.Trim().Length > 0))
            {
                // ava 3+: the next failing test's block starts with its title.
                current = [];
                blocks.Add(current);
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

    [GeneratedRegex(@"^\s*✘ (?<fail>\[fail\]: )?(?<title>.+?)(?<rest>\s+(Difference|Error|Assertion|Rejected|Expected|Failed|Test).*)?$")]
    private static partial Regex FailLine();

    [GeneratedRegex(@"^\s*✖ (?<title>(?!failing tests:)(?!\s*\d+:\d+\s).+?)(?<rest>\s+(Difference|Error|Assertion|Rejected|Expected|Failed|Test).*)?(?<!\([\d.]+m?s\))\s*$")]
    private static partial Regex CrossLine();

    [GeneratedRegex(@"^\s*\d+ (known failures?|tests? failed|uncaught exceptions?|unhandled rejections?)\s*$")]
    private static partial Regex Verdict();

    [GeneratedRegex(@"^(Timed out|No tests found|Couldn.t find any files|Based on your configuration|Uncaught exception|Unhandled rejection|.+ exited with a non-zero exit code|.+ exited due to)")]
    private static partial Regex RunProblem();

    [GeneratedRegex(@"^(?<file>[^\s:]+\.[cm]?[jt]sx?):(?<line>\d+)$")]
    private static partial Regex Location();

    [GeneratedRegex(@"^\d+:(\s|$)")]
    private static partial Regex CodeFrame();

    [GeneratedRegex(@"^\s*[✖✘] (Couldn.t find any files to test|No tests found|Based on your configuration, \d+ test files? (was|were) found, but did not match)", RegexOptions.Multiline)]
    private static partial Regex NoFiles();

    [GeneratedRegex(@"^\s*(?<count>\d+) tests? passed", RegexOptions.Multiline)]
    private static partial Regex Passed();
}
