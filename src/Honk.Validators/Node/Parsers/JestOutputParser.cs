using System.Text;
using System.Text.RegularExpressions;

namespace Honk.Validators;

/// <summary>
/// Reads jest's default reporter: <c>FAIL path</c>, then one <c>● Suite › test</c> block per failing test with the
/// matcher message (<c>Expected: 3</c> / <c>Received: 4</c>); code frames and stack lines are dropped except the
/// first frame inside the project. <c>● Test suite failed to run</c> blocks are reported for their file.
/// </summary>
public sealed partial class JestOutputParser : OutputParser
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
        string? file = null;
        for (var i = 0; i < lines.Count; i++)
        {
            if (FailHeader().Match(lines[i]) is { Success: true } header)
            {
                file = header.Groups["file"].Value;
                continue;
            }

            var bullet = Bullet().Match(lines[i]);
            if (!bullet.Success || file is null)
            {
                continue;
            }

            var name = bullet.Groups["name"].Value.Trim();
            var message = new StringBuilder();
            string? frameFile = null;
            int? frameLine = null;
            var j = i + 1;
            for (; j < lines.Count && !Bullet().IsMatch(lines[j]) && !FailHeader().IsMatch(lines[j]) && !PassHeader().IsMatch(lines[j]) && !lines[j].StartsWith("Test Suites:", StringComparison.Ordinal); j++)
            {
                var line = lines[j].Trim();
                if (CodeFrame().IsMatch(lines[j]))
                {
                    continue;
                }

                if (line.StartsWith("at ", StringComparison.Ordinal))
                {
                    if (frameFile is null && !line.Contains("node_modules", StringComparison.Ordinal) && Frame().Match(line) is { Success: true } frame)
                    {
                        frameFile = frame.Groups["file"].Value;
                        frameLine = ToInt(frame.Groups["line"].Value);
                    }

                    continue;
                }

                if (line.Length > 0)
                {
                    message.Append(line).Append('\n');
                }
            }

            i = j - 1;
            var suiteFailure = name == "Test suite failed to run";
            findings.Add(new ValidationFinding(message.Length > 0 ? message.ToString().TrimEnd() : "test failed")
            {
                TestName = suiteFailure ? null : name,
                File = frameFile ?? file,
                Line = frameLine,
            });
        }

        return findings;
    }

    [GeneratedRegex(@"^\s*FAIL\s+(?<file>\S+?\.[cm]?[jt]sx?)(\s.*)?$")]
    private static partial Regex FailHeader();

    [GeneratedRegex(@"^\s*PASS\s+\S+")]
    private static partial Regex PassHeader();

    [GeneratedRegex(@"^\s*● (?<name>.+)$")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"^\s*(>\s*)?\d+ \||^\s+\|")]
    private static partial Regex CodeFrame();

    [GeneratedRegex(@"\(?(?<file>[^\s()]+?\.[cm]?[jt]sx?):(?<line>\d+):\d+\)?")]
    private static partial Regex Frame();

    [GeneratedRegex(@"^Tests:\s+.*?(?<total>\d+) total", RegexOptions.Multiline)]
    private static partial Regex TotalCount();

    [GeneratedRegex(@"^No tests found, exiting with code", RegexOptions.Multiline)]
    private static partial Regex NoTests();

    [GeneratedRegex(@"^Tests:\s+.*?(?<passed>\d+) passed", RegexOptions.Multiline)]
    private static partial Regex Totals();
}
