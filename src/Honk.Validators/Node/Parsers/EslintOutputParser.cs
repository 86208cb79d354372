using System.Text.RegularExpressions;

namespace Honk.Validators;

/// <summary>
/// Reads eslint's stylish reporter (a file's path on its own line, then <c>line:col  error  message  rule</c>) and its
/// compact/unix formats (<c>file:line:col: message [Error/rule]</c>), and eslint-formatter-pretty, the reporter of xo
/// and tsd (<c>  file:line:col</c>, then <c>  ✖  line:col  message  rule</c>; warnings are <c>⚠</c>). Only errors are
/// kept; the rule becomes the code.
/// </summary>
/// <remarks>
/// Without the pretty format, tsd's type errors in <c>node_modules/@types/node</c> (sindresorhus/slugify) were read by
/// the ava parser as 120 failing tests named <c>952:8 Required type parameters…</c>, placed in no file.
/// </remarks>
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

            if (PrettyFileHeader().Match(line) is { Success: true } prettyFile)
            {
                file = prettyFile.Groups["file"].Value;
                continue;
            }

            if (file is not null && PrettyError().Match(line) is { Success: true } pretty)
            {
                findings.Add(new ValidationFinding(pretty.Groups["message"].Value.Trim())
                {
                    File = file,
                    Line = ToInt(pretty.Groups["line"].Value),
                    Column = ToInt(pretty.Groups["column"].Value),
                    Code = pretty.Groups["rule"].Success && pretty.Groups["rule"].Length > 0 ? pretty.Groups["rule"].Value : null,
                });
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

    // eslint-formatter-pretty: the file with its first problem's position, indented: "  index.test-d.ts:5:1".
    [GeneratedRegex(@"^\s+(?<file>[^\s:]+\.(?:[cm]?[jt]sx?|vue|svelte)):\d+:\d+\s*$")]
    private static partial Regex PrettyFileHeader();

    // "  ✖  952:8   Required type parameters may not follow optional type parameters." (a rule, when any, after two spaces).
    [GeneratedRegex(@"^\s+[✖×]\s+(?<line>\d+):(?<column>\d+)\s+(?<message>.+?)(\s{2,}(?<rule>[@\w\-/]+))?\s*$")]
    private static partial Regex PrettyError();

    [GeneratedRegex(@"^\s+(?<line>\d+):(?<column>\d+)\s+(?<severity>error|warning)\s+(?<message>.+?)(\s{2,}(?<rule>[@\w\-/]+))?\s*$")]
    private static partial Regex Stylish();

    [GeneratedRegex(@"^(?<file>[^\s:]+\.(?:[cm]?[jt]sx?|vue|svelte)):(?<line>\d+):(?<column>\d+): (?<message>.+?) \[(?<severity>Error|Warning)(/(?<rule>[^\]]+))?\]$")]
    private static partial Regex Unix();
}
