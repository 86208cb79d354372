using System.Text.RegularExpressions;

namespace Honk.Validators.Toolchains;

/// <summary>
/// Reads GoogleTest output: one finding per failed assertion (<c>file:line: Failure</c> with its
/// <c>Expected equality ... Which is: ...</c> lines) named after its test (<c>[  FAILED  ] Suite.Test</c>), and one
/// per failed test that printed no assertion (a crash or an uncaught exception).
/// </summary>
public sealed partial class GoogleTestOutputParser : OutputParser
{
    private const int MaxMessageLines = 8;

    /// <inheritdoc />
    public override string? DescribeSuccess(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var match = Passed().Matches(StripAnsi(output));
        var total = match.Sum(m => ToInt(m.Groups["count"].Value) ?? 0);
        return total == 0 ? null : TestsPassed(total);
    }

    /// <inheritdoc />
    protected override IReadOnlyList<ValidationFinding> ParseLines(IReadOnlyList<string> lines)
    {
        var findings = new List<ValidationFinding>();
        var failedTests = new List<string>();
        string? current = null;
        (string File, int? Line, List<string> Text)? failure = null;
        var unattributed = new List<string>();

        void Flush()
        {
            if (failure is { } f && current is not null)
            {
                findings.Add(new ValidationFinding(Condense(f.Text)) { File = f.File, Line = f.Line, TestName = current });
            }

            failure = null;
        }

        foreach (var line in lines)
        {
            if (Run().Match(line) is { Success: true } run)
            {
                Flush();
                current = run.Groups["name"].Value;
                unattributed.Clear();
            }
            else if (current is not null && Failure().Match(line) is { Success: true } f)
            {
                Flush();
                failure = (f.Groups["file"].Value, ToInt(f.Groups["line"].Value), []);
            }
            else if (current is not null && Ended().Match(line) is { Success: true } end)
            {
                Flush();
                var name = TestName(end.Groups["name"].Value);
                if (end.Groups["status"].Value == "FAILED")
                {
                    failedTests.Add(name);
                    if (!findings.Any(x => x.TestName == name))
                    {
                        var text = unattributed.Where(l => l.Length > 0).ToList();
                        findings.Add(new ValidationFinding(text.Count == 0 ? "failed" : Condense(text)) { TestName = name });
                    }
                }

                current = null;
            }
            else if (failure is { } open)
            {
                open.Text.Add(line);
            }
            else if (current is not null)
            {
                unattributed.Add(line);
            }
            else if (Listed().Match(line) is { Success: true } listed)
            {
                var name = TestName(listed.Groups["name"].Value);
                if (!failedTests.Contains(name) && !findings.Any(x => x.TestName == name))
                {
                    failedTests.Add(name);
                    findings.Add(new ValidationFinding("failed") { TestName = name });
                }
            }
        }

        if (current is not null)
        {
            // The binary died inside a test: no [  FAILED  ] line will come.
            Flush();
            if (!findings.Any(x => x.TestName == current))
            {
                var text = unattributed.Where(l => l.Length > 0).ToList();
                findings.Add(new ValidationFinding(text.Count == 0 ? "crashed" : "crashed: " + Condense(text)) { TestName = current });
            }
        }

        return findings;
    }

    /// <summary>Turns an assertion's lines into one line, e.g. <c>Expected equality of add(4, 4) and 8; add(4, 4) is 9</c>.</summary>
    private static string Condense(List<string> text)
    {
        var lines = text.Select(l => l.Trim()).Where(l => l.Length > 0).Take(MaxMessageLines).ToList();
        if (lines.Count >= 3 && lines[0] == "Expected equality of these values:")
        {
            var parts = new List<string>();
            var index = 1;
            var left = lines[index++];
            var leftValue = index < lines.Count && lines[index].StartsWith("Which is: ", StringComparison.Ordinal) ? lines[index++]["Which is: ".Length..] : null;
            var right = index < lines.Count ? lines[index++] : "?";
            var rightValue = index < lines.Count && lines[index].StartsWith("Which is: ", StringComparison.Ordinal) ? lines[index++]["Which is: ".Length..] : null;
            parts.Add($"Expected equality of {left} and {right}");
            if (leftValue is not null)
            {
                parts.Add($"{left} is {leftValue}");
            }

            if (rightValue is not null)
            {
                parts.Add($"{right} is {rightValue}");
            }

            parts.AddRange(lines.Skip(index));
            return string.Join("; ", parts);
        }

        return string.Join("; ", lines);
    }

    private static string TestName(string raw)
    {
        var where = raw.IndexOf(", where ", StringComparison.Ordinal);
        return where < 0 ? raw : raw[..where];
    }

    [GeneratedRegex(@"^\[ RUN      \] (?<name>\S+)")]
    private static partial Regex Run();

    [GeneratedRegex(@"^(?<file>[^\s:][^:]*|[A-Za-z]:[^:]+):(?<line>\d+): (?:Failure|error: .*)$")]
    private static partial Regex Failure();

    [GeneratedRegex(@"^\[ +(?<status>FAILED|OK|SKIPPED) +\] (?<name>.+?)(?: \(\d+ ms\))?$")]
    private static partial Regex Ended();

    [GeneratedRegex(@"^\[  FAILED  \] (?<name>[^\s(]+(?:, where .*)?)$")]
    private static partial Regex Listed();

    [GeneratedRegex(@"^\[  PASSED  \] (?<count>\d+) tests?\.", RegexOptions.Multiline)]
    private static partial Regex Passed();
}
