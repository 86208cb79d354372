using System.Text.RegularExpressions;

namespace Honk.Validators.Toolchains;

/// <summary>
/// Reads doctest's console reporter: each <c>TEST CASE:</c> block's failed assertions
/// (<c>file:line: ERROR: CHECK( a == b ) is NOT correct!</c> with its <c>values:</c> line), named after the test case
/// and its subcases.
/// </summary>
public sealed partial class DoctestOutputParser : OutputParser
{
    private const int MaxMessageLines = 6;

    /// <inheritdoc />
    public override string? DescribeSuccess(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var totals = Totals().Match(StripAnsi(output));
        return totals.Success ? TestsPassed(totals.Groups["passed"].Value) : null;
    }

    /// <inheritdoc />
    protected override IReadOnlyList<ValidationFinding> ParseLines(IReadOnlyList<string> lines)
    {
        var findings = new List<ValidationFinding>();
        string? testCase = null;
        for (var i = 0; i < lines.Count; i++)
        {
            if (TestCase().Match(lines[i]) is { Success: true } start)
            {
                var name = start.Groups["name"].Value.Trim();
                // Subcases follow, indented, until the blank line before the first assertion.
                for (; i + 1 < lines.Count && lines[i + 1].StartsWith("  ", StringComparison.Ordinal) && !Assertion().IsMatch(lines[i + 1]); i++)
                {
                    name += " / " + lines[i + 1].Trim();
                }

                testCase = name;
                continue;
            }

            if (Separator().IsMatch(lines[i]))
            {
                testCase = null;
                continue;
            }

            if (testCase is null || Assertion().Match(lines[i]) is not { Success: true } assertion)
            {
                continue;
            }

            var message = new List<string> { assertion.Groups["text"].Value.Trim() };
            for (; i + 1 < lines.Count && lines[i + 1].StartsWith("  ", StringComparison.Ordinal); i++)
            {
                if (message.Count < MaxMessageLines)
                {
                    message.Add(lines[i + 1].Trim());
                }
            }

            findings.Add(new ValidationFinding(string.Join('\n', message))
            {
                File = assertion.Groups["file"].Value,
                Line = ToInt(assertion.Groups["line"].Value),
                TestName = testCase,
            });
        }

        return findings;
    }

    [GeneratedRegex(@"^TEST CASE:\s+(?<name>.+)$")]
    private static partial Regex TestCase();

    [GeneratedRegex(@"^(?<file>[^:\s][^:]*):(?<line>\d+): (?:FATAL )?ERROR: (?<text>.+)$")]
    private static partial Regex Assertion();

    [GeneratedRegex(@"^={20,}$")]
    private static partial Regex Separator();

    [GeneratedRegex(@"^\[doctest\] test cases:\s*\d+\s*\|\s*(?<passed>\d+) passed", RegexOptions.Multiline)]
    private static partial Regex Totals();
}
