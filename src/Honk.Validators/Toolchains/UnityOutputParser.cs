using System.Text.RegularExpressions;

namespace Honk.Validators.Toolchains;

/// <summary>
/// Reads the output of the Unity C test framework (ThrowTheSwitch): <c>file:line:test_name:FAIL: Expected 4 Was 5</c>,
/// one finding per failing test; <c>PASS</c> and <c>IGNORE</c> lines are passed over.
/// </summary>
public sealed partial class UnityOutputParser : OutputParser
{
    /// <inheritdoc />
    public override string? DescribeSuccess(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var totals = Totals().Match(StripAnsi(output));
        return totals.Success ? TestsPassed((ToInt(totals.Groups["tests"].Value) ?? 0) - (ToInt(totals.Groups["ignored"].Value) ?? 0)) : null;
    }

    /// <inheritdoc />
    protected override IReadOnlyList<ValidationFinding> ParseLines(IReadOnlyList<string> lines)
    {
        var findings = new List<ValidationFinding>();
        foreach (var line in lines)
        {
            if (Failed().Match(line) is { Success: true } failed)
            {
                var message = failed.Groups["message"].Value.Trim();
                findings.Add(new ValidationFinding(message.Length == 0 ? "failed" : message)
                {
                    File = failed.Groups["file"].Value,
                    Line = ToInt(failed.Groups["line"].Value),
                    TestName = failed.Groups["name"].Value,
                });
            }
        }

        return findings;
    }

    [GeneratedRegex(@"^(?<file>[^:\s][^:]*):(?<line>\d+):(?<name>[A-Za-z_][\w]*):FAIL(?::\s*(?<message>.*))?$")]
    private static partial Regex Failed();

    [GeneratedRegex(@"^(?<tests>\d+) Tests (?<failures>\d+) Failures (?<ignored>\d+) Ignored", RegexOptions.Multiline)]
    private static partial Regex Totals();
}
