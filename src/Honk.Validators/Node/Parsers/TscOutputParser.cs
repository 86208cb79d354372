using System.Text.RegularExpressions;

namespace Honk.Validators;

/// <summary>
/// Reads TypeScript compiler errors in both of tsc's formats: plain (<c>src/a.ts(3,7): error TS2322: message</c>) and
/// pretty (<c>src/a.ts:3:7 - error TS2322: message</c>).
/// </summary>
public sealed partial class TscOutputParser : OutputParser
{
    /// <inheritdoc />
    protected override IReadOnlyList<ValidationFinding> ParseLines(IReadOnlyList<string> lines)
    {
        var findings = new List<ValidationFinding>();
        foreach (var line in lines)
        {
            var match = Plain().Match(line);
            if (!match.Success)
            {
                match = Pretty().Match(line);
            }

            if (match.Success)
            {
                findings.Add(new ValidationFinding(match.Groups["message"].Value.Trim())
                {
                    File = match.Groups["file"].Value,
                    Line = ToInt(match.Groups["line"].Value),
                    Column = ToInt(match.Groups["column"].Value),
                    Code = match.Groups["code"].Value,
                });
            }
        }

        return findings;
    }

    [GeneratedRegex(@"^(?<file>[^\s(][^(]*?\.(?:[cm]?tsx?|[cm]?jsx?|vue|svelte))\((?<line>\d+),(?<column>\d+)\): error (?<code>TS\d+): (?<message>.+)$")]
    private static partial Regex Plain();

    [GeneratedRegex(@"^(?<file>[^\s:][^:]*?\.(?:[cm]?tsx?|[cm]?jsx?|vue|svelte)):(?<line>\d+):(?<column>\d+) - error (?<code>TS\d+): (?<message>.+)$")]
    private static partial Regex Pretty();
}
