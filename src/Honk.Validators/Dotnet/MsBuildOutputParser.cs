using System.Text.RegularExpressions;

namespace Honk.Validators;

/// <summary>
/// Reads MSBuild's canonical diagnostics (<c>file(line,col): error CODE: message [project]</c>), the format of
/// <c>dotnet build</c>, csc, NuGet and most .NET tools. Only errors are kept; the trailing project is dropped.
/// </summary>
public sealed partial class MsBuildOutputParser : OutputParser
{
    /// <inheritdoc />
    protected override IReadOnlyList<ValidationFinding> ParseLines(IReadOnlyList<string> lines)
    {
        var findings = new List<ValidationFinding>();
        foreach (var line in lines)
        {
            var match = Diagnostic().Match(line);
            if (!match.Success || !string.Equals(match.Groups["severity"].Value, "error", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var origin = match.Groups["origin"].Value.Trim();
            var isTool = origin.Length == 0 || (!origin.Contains('/', StringComparison.Ordinal) && !origin.Contains('\\', StringComparison.Ordinal) && !origin.Contains('.', StringComparison.Ordinal));
            findings.Add(new ValidationFinding(match.Groups["message"].Value.Trim())
            {
                File = isTool ? null : origin,
                Line = isTool ? null : ToInt(match.Groups["line"].Value),
                Column = isTool ? null : ToInt(match.Groups["column"].Value),
                Code = match.Groups["code"].Success && match.Groups["code"].Length > 0 ? match.Groups["code"].Value : null,
            });
        }

        return findings;
    }

    [GeneratedRegex(@"^\s*(?<origin>[^\s(:][^(]*?|)(\((?<line>\d+)(,(?<column>\d+))?(,\d+,\d+)?\))?\s*:\s*(?<severity>error|warning)\s*(?<code>[A-Za-z]+[0-9]+)?\s*:\s*(?<message>.*?)(\s+\[[^\]]+\])?$", RegexOptions.IgnoreCase)]
    private static partial Regex Diagnostic();
}
