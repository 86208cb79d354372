using System.Text;
using System.Text.RegularExpressions;

namespace Honk.Validators;

/// <summary>
/// Reads vitest's default reporter: the <c>FAIL  file &gt; suite &gt; test</c> blocks of its failed-tests section with
/// the assertion message and the <c>❯ file:line:col</c> location; the progress listing and code frames are dropped.
/// </summary>
public sealed partial class VitestOutputParser : OutputParser
{
    /// <inheritdoc />
    public override string? DescribeSuccess(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var match = Totals().Match(output);
        return match.Success ? TestsPassed(match.Groups["passed"].Value) : null;
    }

    /// <inheritdoc />
    public override int? CountTestsRun(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var text = StripAnsi(output);
        if (TotalCount().Match(text) is { Success: true } total)
        {
            return ToInt(total.Groups["total"].Value);
        }

        return NoTests().IsMatch(text) ? 0 : null;
    }

    /// <inheritdoc />
    protected override IReadOnlyList<ValidationFinding> ParseLines(IReadOnlyList<string> lines)
    {
        var findings = new List<ValidationFinding>();
        for (var i = 0; i < lines.Count; i++)
        {
            var header = FailHeader().Match(lines[i]);
            if (!header.Success)
            {
                continue;
            }

            var file = header.Groups["file"].Value;
            var name = header.Groups["name"].Value.Trim();
            var message = new StringBuilder();
            int? line = null;
            var j = i + 1;
            for (; j < lines.Count && !FailHeader().IsMatch(lines[j]) && !Separator().IsMatch(lines[j]) && !lines[j].TrimStart().StartsWith("Test Files", StringComparison.Ordinal); j++)
            {
                var text = lines[j].Trim();
                if (Pointer().Match(text) is { Success: true } pointer)
                {
                    if (line is null && pointer.Groups["file"].Value.EndsWith(file, StringComparison.Ordinal))
                    {
                        line = ToInt(pointer.Groups["line"].Value);
                    }

                    continue;
                }

                if (CodeFrame().IsMatch(lines[j]) || text.Length == 0)
                {
                    continue;
                }

                message.Append(text).Append('\n');
            }

            i = j - 1;
            findings.Add(new ValidationFinding(message.Length > 0 ? message.ToString().TrimEnd() : "test failed")
            {
                TestName = name,
                File = file,
                Line = line,
            });
        }

        return findings;
    }

    [GeneratedRegex(@"^\s*FAIL\s+(?<file>\S+?\.[cm]?[jt]sx?)\s+>\s+(?<name>.+?)(\s+\[.*\])?\s*$")]
    private static partial Regex FailHeader();

    [GeneratedRegex(@"^\s*⎯{3,}")]
    private static partial Regex Separator();

    [GeneratedRegex(@"^❯ (?<file>\S+?):(?<line>\d+):\d+")]
    private static partial Regex Pointer();

    [GeneratedRegex(@"^\s*\d+\|\s|^\s*\|\s+\^")]
    private static partial Regex CodeFrame();

    [GeneratedRegex(@"^\s*Tests\s+.*\((?<total>\d+)\)\s*$", RegexOptions.Multiline)]
    private static partial Regex TotalCount();

    [GeneratedRegex(@"^No test files found, exiting with code", RegexOptions.Multiline)]
    private static partial Regex NoTests();

    [GeneratedRegex(@"^\s*Tests\s+.*?(?<passed>\d+) passed", RegexOptions.Multiline)]
    private static partial Regex Totals();
}
