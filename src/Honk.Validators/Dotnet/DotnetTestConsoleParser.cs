using System.Text;
using System.Text.RegularExpressions;

namespace Honk.Validators;

/// <summary>
/// Reads the console output of <c>dotnet test</c> (VSTest's console logger): <c>Failed Name [time]</c>, then
/// <c>Error Message:</c> and <c>Stack Trace:</c> blocks. A fallback for when no TRX file was written.
/// </summary>
public sealed partial class DotnetTestConsoleParser : OutputParser
{
    /// <inheritdoc />
    public override string? DescribeSuccess(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var passed = Totals().Matches(output).Sum(m => int.Parse(m.Groups["passed"].Value, System.Globalization.CultureInfo.InvariantCulture));
        return passed > 0 ? TestsPassed(passed) : null;
    }

    /// <inheritdoc />
    protected override IReadOnlyList<ValidationFinding> ParseLines(IReadOnlyList<string> lines)
    {
        var findings = new List<ValidationFinding>();
        for (var i = 0; i < lines.Count; i++)
        {
            var failed = FailedLine().Match(lines[i]);
            if (!failed.Success)
            {
                continue;
            }

            var message = new StringBuilder();
            string? file = null;
            int? line = null;
            var section = "";
            var j = i + 1;
            for (; j < lines.Count && !FailedLine().IsMatch(lines[j]) && !PassedOrSkipped().IsMatch(lines[j]) && !Totals().IsMatch(lines[j]); j++)
            {
                var text = lines[j].Trim();
                if (text is "Error Message:" or "Stack Trace:" or "Standard Output Messages:")
                {
                    section = text;
                    continue;
                }

                if (section == "Error Message:" && text.Length > 0)
                {
                    message.Append(text).Append('\n');
                }
                else if (section == "Stack Trace:" && file is null && StackFrame().Match(text) is { Success: true } frame)
                {
                    file = frame.Groups["file"].Value;
                    line = ToInt(frame.Groups["line"].Value);
                }
            }

            findings.Add(new ValidationFinding(message.Length > 0 ? message.ToString().TrimEnd() : "test failed")
            {
                TestName = failed.Groups["name"].Value,
                File = file,
                Line = line,
            });
            i = j - 1;
        }

        return findings;
    }

    [GeneratedRegex(@"^\s*Failed (?<name>[^\s\[(]+)(\(.*\))?\s*\[[^\]]*\]\s*$")]
    private static partial Regex FailedLine();

    [GeneratedRegex(@"^\s*(Passed|Skipped) \S+\s*\[[^\]]*\]\s*$")]
    private static partial Regex PassedOrSkipped();

    [GeneratedRegex(@"(Passed|Failed)!\s+-\s+Failed:\s+\d+,\s+Passed:\s+(?<passed>\d+)")]
    private static partial Regex Totals();

    [GeneratedRegex(@"\bin (?<file>/.+?|[A-Za-z]:\\.+?):line (?<line>\d+)")]
    private static partial Regex StackFrame();
}
