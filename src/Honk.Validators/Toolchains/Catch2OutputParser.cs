using System.Text.RegularExpressions;

namespace Honk.Validators.Toolchains;

/// <summary>
/// Reads Catch2's console reporter (v2 and v3): each failing test case (the name between the dashed lines, with its
/// sections) and its failed assertions: <c>file:line: FAILED:</c>, the expression, and the <c>with expansion:</c> /
/// <c>with message:</c> lines that show the values.
/// </summary>
public sealed partial class Catch2OutputParser : OutputParser
{
    private const int MaxMessageLines = 8;

    /// <inheritdoc />
    public override string? DescribeSuccess(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var text = StripAnsi(output);
        var all = AllPassed().Match(text);
        if (all.Success)
        {
            return TestsPassed(all.Groups["count"].Value);
        }

        var totals = Totals().Match(text);
        return totals.Success ? TestsPassed(totals.Groups["passed"].Value) : null;
    }

    /// <inheritdoc />
    protected override IReadOnlyList<ValidationFinding> ParseLines(IReadOnlyList<string> lines)
    {
        var findings = new List<ValidationFinding>();
        string? testCase = null;
        for (var i = 0; i < lines.Count; i++)
        {
            if (Dashes().IsMatch(lines[i]))
            {
                // "----" name lines "----" location "....": the header of the test case the next failures belong to.
                var names = new List<string>();
                var j = i + 1;
                for (; j < lines.Count && !Dashes().IsMatch(lines[j]) && names.Count < 8; j++)
                {
                    names.Add(lines[j].Trim());
                }

                if (j < lines.Count && Dashes().IsMatch(lines[j]) && names.Count > 0)
                {
                    testCase = string.Join(" / ", names.Where(n => n.Length > 0));
                    i = j;
                }

                continue;
            }

            if (testCase is null || Failed().Match(lines[i]) is not { Success: true } failed)
            {
                continue;
            }

            var message = new List<string>();
            if (failed.Groups["text"].Value.Trim() is { Length: > 0 } inline)
            {
                message.Add(inline);
            }

            for (; i + 1 < lines.Count && (lines[i + 1].StartsWith("  ", StringComparison.Ordinal) || Continuation().IsMatch(lines[i + 1])); i++)
            {
                if (message.Count < MaxMessageLines)
                {
                    message.Add(lines[i + 1].Trim());
                }
            }

            findings.Add(new ValidationFinding(message.Count == 0 ? "failed" : string.Join('\n', message))
            {
                File = failed.Groups["file"].Value,
                Line = ToInt(failed.Groups["line"].Value),
                TestName = testCase,
            });
        }

        return findings;
    }

    [GeneratedRegex(@"^-{20,}$")]
    private static partial Regex Dashes();

    // "file:line: FAILED:" (also "file(line): FAILED:" on MSVC builds), with an optional message after it.
    [GeneratedRegex(@"^(?<file>[^:\s(][^:(]*)(?::(?<line>\d+)|\((?<line>\d+)\)): FAILED:(?<text>.*)$")]
    private static partial Regex Failed();

    [GeneratedRegex(@"^(with expansion|with message|with messages|due to unexpected exception with message|due to a fatal error condition):$")]
    private static partial Regex Continuation();

    [GeneratedRegex(@"^All tests passed \(\d+ assertions? in (?<count>\d+) test cases?\)", RegexOptions.Multiline)]
    private static partial Regex AllPassed();

    [GeneratedRegex(@"^test cases:\s*\d+\s*\|\s*(?<passed>\d+) passed", RegexOptions.Multiline)]
    private static partial Regex Totals();
}
