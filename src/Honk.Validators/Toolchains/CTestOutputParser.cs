using System.Text.RegularExpressions;

namespace Honk.Validators.Toolchains;

/// <summary>
/// Reads <c>ctest --output-on-failure</c>: every failed, crashed or timed-out test by name. The failed test's own output
/// is read by the runner that printed it — GoogleTest, Catch2, doctest or Unity — so each failing case is named with its
/// assertion; a test with a plain exit code (an <c>assert()</c>, a hand-written check) is reported with the lines that
/// say what failed, or else its last lines, never its first progress lines.
/// </summary>
public sealed partial class CTestOutputParser : OutputParser
{
    private const int MaxOutputLines = 6;
    private static readonly OutputParser[] Runners = [new GoogleTestOutputParser(), new Catch2OutputParser(), new DoctestOutputParser(), new UnityOutputParser()];

    /// <inheritdoc />
    public override string? DescribeSuccess(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var match = Totals().Match(StripAnsi(output));
        return match.Success ? TestsPassed(match.Groups["total"].Value) : null;
    }

    /// <inheritdoc />
    protected override IReadOnlyList<ValidationFinding> ParseLines(IReadOnlyList<string> lines)
    {
        lines = JoinBrokenResults(lines);
        var findings = new List<ValidationFinding>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            if (Result().Match(lines[i]) is not { Success: true } result)
            {
                continue;
            }

            var name = result.Groups["name"].Value;
            var status = result.Groups["status"].Value.Trim();
            if (status == "Passed" || status.Contains("Skipped", StringComparison.Ordinal) || status.Contains("Disabled", StringComparison.Ordinal))
            {
                continue;
            }

            var output = new List<string>();
            while (i + 1 < lines.Count && !Result().IsMatch(lines[i + 1]) && !Start().IsMatch(lines[i + 1]) && !Totals().IsMatch(lines[i + 1]))
            {
                output.Add(lines[++i]);
            }

            reported.Add(name);
            var text = string.Join('\n', output);
            var assertions = Runners.Select(r => r.Parse(text)).FirstOrDefault(f => f.Count > 0);
            if (assertions is not null)
            {
                findings.AddRange(assertions);
                continue;
            }

            var why = status.StartsWith("Failed", StringComparison.Ordinal) ? "failed"
                : status.Contains("***", StringComparison.Ordinal) ? status[..status.IndexOf("***", StringComparison.Ordinal)].Trim().ToLowerInvariant()
                : status.ToLowerInvariant().Replace("exception: ", "", StringComparison.Ordinal).Trim();
            var printed = WhatFailed(output);
            var message = printed.Count switch { 0 => why, 1 => $"{why}: {printed[0]}", _ => $"{why}:\n{string.Join('\n', printed)}" };
            findings.Add(new ValidationFinding(message) { TestName = name });
        }

        // With parallel runs (-j) the per-test lines can be missing; the closing list still names every failure.
        foreach (var line in lines)
        {
            if (Listed().Match(line) is { Success: true } listed && reported.Add(listed.Groups["name"].Value))
            {
                findings.Add(new ValidationFinding(listed.Groups["why"].Value.ToLowerInvariant()) { TestName = listed.Groups["name"].Value });
            }
            else if (line.StartsWith("No tests were found", StringComparison.Ordinal))
            {
                findings.Add(new ValidationFinding("ctest found no tests (is enable_testing() called before add_test?)"));
            }
        }

        return findings;
    }

    /// <summary>
    /// The lines of a plain test's output that say what failed (assertions, "FAIL", "expected"), else its last lines:
    /// runners print their progress first and their verdict last.
    /// </summary>
    private static List<string> WhatFailed(List<string> output)
    {
        var printed = output.Select(l => l.Trim()).Where(l => l.Length > 0 && !CTestNoise().IsMatch(l)).ToList();

        // "[fail] Example_2", "FAIL add(2,2)", "Assertion `x' failed": the first of them are the failures themselves.
        // A harness may print the values below its failure line ("Got: …", "Expected: …": commonmark/cmark's API test):
        // those lines go with it.
        var marked = printed.Where((l, i) => FailureMarker().IsMatch(l)
            || (ValueLine().IsMatch(l) && printed.Take(i).LastOrDefault(p => !ValueLine().IsMatch(p)) is { } above && FailureMarker().IsMatch(above))).ToList();
        if (marked.Count > 0)
        {
            return [.. marked.Take(MaxOutputLines)];
        }

        var telling = printed.Where(l => Telling().IsMatch(l) && !PassLine().IsMatch(l)).ToList();
        var chosen = telling.Count > 0 ? telling : printed;
        return [.. chosen.Skip(Math.Max(0, chosen.Count - MaxOutputLines))];
    }

    /// <summary>
    /// Joins a result line that ctest broke over several lines (a failed <c>PASS_REGULAR_EXPRESSION</c> prints the
    /// expression, newline included, before the time): the result is then read whole.
    /// </summary>
    private static List<string> JoinBrokenResults(IReadOnlyList<string> lines)
    {
        var joined = new List<string>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (ResultStart().IsMatch(line) && !Seconds().IsMatch(line))
            {
                for (var j = i + 1; j < lines.Count && j <= i + 5; j++)
                {
                    if (Seconds().IsMatch(lines[j]))
                    {
                        line = string.Join(' ', lines.Skip(i).Take(j - i + 1).Select(l => l.Trim()));
                        i = j;
                        break;
                    }
                }
            }

            joined.Add(line);
        }

        return joined;
    }

    [GeneratedRegex(@"^\s*\d+/\d+ Test\s+#\d+: \S+ ")]
    private static partial Regex ResultStart();

    [GeneratedRegex(@"\s[\d.]+ sec$")]
    private static partial Regex Seconds();

    [GeneratedRegex(@"^\W{0,3}(fail(ed|ure)?|error)\b|Assertion `.*' failed|^\s*\S+:\d+: .*(error|failed|failure)", RegexOptions.IgnoreCase)]
    private static partial Regex FailureMarker();

    [GeneratedRegex(@"\b(fail(ed|ure|s)?|error|assert(ion)?|expected|actual|abort(ed)?|panic|exception|mismatch|not equal|!=)\b|Assertion `", RegexOptions.IgnoreCase)]
    private static partial Regex Telling();

    [GeneratedRegex(@"^(Got|Expected|Actual|Received|Wanted|Was)\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex ValueLine();

    [GeneratedRegex(@"^\W{0,3}(PASS(ED)?|OK)\b|:PASS$|\bpassed\b", RegexOptions.IgnoreCase)]
    private static partial Regex PassLine();

    [GeneratedRegex(@"^(Errors while running CTest|Output from these tests are in:|Use ""--rerun-failed --output-on-failure"")")]
    private static partial Regex CTestNoise();

    // "1/4 Test #1: CalcTest.AddsSmallNumbers ........***Failed    0.00 sec" and "***Exception: SegFault  0.01 sec".
    [GeneratedRegex(@"^\s*\d+/\d+ Test\s+#\d+: (?<name>\S+) \.*\s*(?:\*\*\*)?(?<status>Passed|Failed.*?|Timeout|(?:[A-Za-z][A-Za-z ]*\*\*\*)?Exception:.*?|Not Run.*?|\*?Skipped)\s+[\d.]+ sec$")]
    private static partial Regex Result();

    [GeneratedRegex(@"^\s+Start\s+\d+: ")]
    private static partial Regex Start();

    [GeneratedRegex(@"^\d+% tests passed, \d+ tests? failed out of (?<total>\d+)", RegexOptions.Multiline)]
    private static partial Regex Totals();

    [GeneratedRegex(@"^\s+\d+ - (?<name>\S+) \((?<why>[^)]+)\)$")]
    private static partial Regex Listed();
}
