using System.Text.RegularExpressions;

namespace Honk.Validators;

/// <summary>
/// Reads eslint's stylish reporter (a file's path on its own line, then <c>line:col  error  message  rule</c>) and its
/// compact/unix formats (<c>file:line:col: message [Error/rule]</c>). Only errors are kept; the rule becomes the code.
/// </summary>
public sealed partial class EslintOutputParser : OutputParser
{
    /// <inheritdoc />
    protected override IReadOnlyList<ValidationFinding> ParseLines(IReadOnlyList<string> lines)
    {
        var findings = new List<ValidationFinding>();
        string? file = null;
        foreach (var line in lines)
        {
            if (FileHeader().IsMatch(line))
            {
                file = line.Trim();
                continue;
            }

            if (file is not null && Stylish().Match(line) is { Success: true } stylish)
            {
                if (stylish.Groups["severity"].Value == "error")
                {
                    findings.Add(new ValidationFinding(stylish.Groups["message"].Value.Trim())
                    {
                        File = file,
                        Line = ToInt(stylish.Groups["line"].Value),
                        Column = ToInt(stylish.Groups["column"].Value),
                        Code = stylish.Groups["rule"].Success && stylish.Groups["rule"].Length > 0 ? stylish.Groups["rule"].Value : null,
                    });
                }

                continue;
            }

            if (Unix().Match(line) is { Success: true } unix && unix.Groups["severity"].Value.Equals("error", StringComparison.OrdinalIgnoreCase))
            {
                findings.Add(new ValidationFinding(unix.Groups["message"].Value.Trim())
                {
                    File = unix.Groups["file"].Value,
                    Line = ToInt(unix.Groups["line"].Value),
                    Column = ToInt(unix.Groups["column"].Value),
                    Code = unix.Groups["rule"].Success && unix.Groups["rule"].Length > 0 ? unix.Groups["rule"].Value : null,
                });
            }

            if (line.Length == 0)
            {
                file = null;
            }
        }

        return findings;
    }

    [GeneratedRegex(@"^(/|[A-Za-z]:\\|\./)?[^\s:]+\.(?:[cm]?[jt]sx?|vue|svelte|json|md)$")]
    private static partial Regex FileHeader();

    [GeneratedRegex(@"^\s+(?<line>\d+):(?<column>\d+)\s+(?<severity>error|warning)\s+(?<message>.+?)(\s{2,}(?<rule>[@\w\-/]+))?\s*$")]
    private static partial Regex Stylish();

    [GeneratedRegex(@"^(?<file>[^\s:]+\.(?:[cm]?[jt]sx?|vue|svelte)):(?<line>\d+):(?<column>\d+): (?<message>.+?) \[(?<severity>Error|Warning)(/(?<rule>[^\]]+))?\]$")]
    private static partial Regex Unix();
}
