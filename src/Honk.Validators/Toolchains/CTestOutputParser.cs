using System.Text.RegularExpressions;

namespace Honk.Validators.Toolchains;

/// <summary>
/// Reads <c>ctest --output-on-failure</c>: every failed, crashed or timed-out test by name. When a failed test is a
/// GoogleTest binary, its assertions (<see cref="GoogleTestOutputParser"/>) are reported instead; otherwise the first
/// lines the test printed become the message.
/// </summary>
public sealed partial class CTestOutputParser : OutputParser
{
    private const int MaxOutputLines = 4;
    private readonly GoogleTestOutputParser _googleTest = new();

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
            var assertions = _googleTest.Parse(string.Join('\n', output));
            if (assertions.Count > 0)
            {
                findings.AddRange(assertions);
                continue;
            }

            var printed = output.Select(l => l.Trim()).Where(l => l.Length > 0).Take(MaxOutputLines).ToList();
            var why = status.StartsWith("Failed", StringComparison.Ordinal) ? "failed" : status.ToLowerInvariant().Replace("exception: ", "", StringComparison.Ordinal);
            findings.Add(new ValidationFinding(printed.Count == 0 ? why : $"{why}: {string.Join("; ", printed)}") { TestName = name });
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

    // "1/4 Test #1: CalcTest.AddsSmallNumbers ........***Failed    0.00 sec" and "***Exception: SegFault  0.01 sec".
    [GeneratedRegex(@"^\s*\d+/\d+ Test\s+#\d+: (?<name>\S+) \.*\s*(?:\*\*\*)?(?<status>Passed|Failed.*?|Timeout|Exception: .+?|Not Run.*?|\*?Skipped)\s+[\d.]+ sec$")]
    private static partial Regex Result();

    [GeneratedRegex(@"^\s+Start\s+\d+: ")]
    private static partial Regex Start();

    [GeneratedRegex(@"^\d+% tests passed, \d+ tests? failed out of (?<total>\d+)", RegexOptions.Multiline)]
    private static partial Regex Totals();

    [GeneratedRegex(@"^\s+\d+ - (?<name>\S+) \((?<why>[^)]+)\)$")]
    private static partial Regex Listed();
}
