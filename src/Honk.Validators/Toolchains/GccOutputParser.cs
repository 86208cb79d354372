using System.Text.RegularExpressions;

namespace Honk.Validators.Toolchains;

/// <summary>
/// Reads the diagnostics of gcc, clang and the GNU linker (<c>file:line:col: error: message</c>, <c>undefined
/// reference to ...</c>) and make's own errors (<c>No rule to make target</c>). Warnings, notes and the source excerpts
/// under each diagnostic are dropped; <c>-Werror</c> diagnostics count as errors.
/// </summary>
public sealed partial class GccOutputParser : OutputParser
{
    /// <inheritdoc />
    protected override IReadOnlyList<ValidationFinding> ParseLines(IReadOnlyList<string> lines)
    {
        var findings = new List<ValidationFinding>();
        string? linkerSummary = null;
        foreach (var line in lines)
        {
            if (Diagnostic().Match(line) is { Success: true } d)
            {
                var message = d.Groups["msg"].Value;
                string? code = null;
                if (WerrorSuffix().Match(message) is { Success: true } w)
                {
                    code = w.Groups["flag"].Value;
                    message = message[..w.Index];
                }

                findings.Add(new ValidationFinding(message)
                {
                    File = d.Groups["file"].Value,
                    Line = ToInt(d.Groups["line"].Value),
                    Column = ToInt(d.Groups["col"].Value),
                    Code = code,
                });
            }
            else if (UndefinedReference().Match(line) is { Success: true } u)
            {
                findings.Add(new ValidationFinding("undefined reference to " + u.Groups["symbol"].Value) { Code = "ld" });
            }
            else if (LinkerFailed().IsMatch(line))
            {
                linkerSummary ??= line.Trim();
            }
            else if (MakeNoRule().Match(line) is { Success: true } m)
            {
                findings.Add(new ValidationFinding(m.Groups["msg"].Value) { Code = "make" });
            }
        }

        if (linkerSummary is not null && !findings.Any(f => f.Code == "ld"))
        {
            findings.Add(new ValidationFinding(linkerSummary) { Code = "ld" });
        }

        return [.. findings.Distinct()];
    }

    // "file:line:col: error: msg" (gcc, clang), also "file:line: error:" without a column and "fatal error:".
    [GeneratedRegex(@"^(?<file>[^\s:][^:]*):(?<line>\d+):(?:(?<col>\d+):)?\s+(?:fatal )?error:\s+(?<msg>.+)$")]
    private static partial Regex Diagnostic();

    [GeneratedRegex(@"\s+\[(?<flag>-Werror=[\w+-]+)\]$")]
    private static partial Regex WerrorSuffix();

    [GeneratedRegex(@"undefined reference to (?<symbol>.+)$")]
    private static partial Regex UndefinedReference();

    [GeneratedRegex(@"^(?:collect2|clang(?:\+\+)?|/usr/bin/ld|ld): error: (?:ld|linker command) (?:returned|failed)")]
    private static partial Regex LinkerFailed();

    [GeneratedRegex(@"^g?make(?:\[\d+\])?: \*\*\* (?<msg>No rule to make target .+?)\.?(?:\s+Stop\.)?$")]
    private static partial Regex MakeNoRule();
}
