using System.Text.RegularExpressions;

namespace Honk.Validators.Toolchains;

/// <summary>
/// Reads javac's own diagnostics as Gradle and Ant print them (<c>src/X.java:5: error: cannot find symbol</c>, then
/// the source line, a caret and <c>symbol:</c>/<c>location:</c> details), and the Kotlin compiler's
/// (<c>e: file:///src/X.kt:3:5 Unresolved reference</c>, or <c>e: /src/X.kt: (3, 5): ...</c> before Kotlin 2).
/// </summary>
public sealed partial class JavacOutputParser : OutputParser
{
    /// <inheritdoc />
    protected override IReadOnlyList<ValidationFinding> ParseLines(IReadOnlyList<string> lines)
    {
        var findings = new List<ValidationFinding>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (Javac().Match(lines[i]) is { Success: true } javac)
            {
                var message = javac.Groups["msg"].Value;
                var column = (int?)null;

                // Source line, caret line, then indented details such as "symbol:   variable c".
                for (var j = i + 1; j < lines.Count && j <= i + 6; j++)
                {
                    if (Javac().IsMatch(lines[j]) || Count().IsMatch(lines[j]))
                    {
                        break;
                    }

                    var trimmed = lines[j].Trim();
                    if (column is null && trimmed == "^")
                    {
                        column = lines[j].IndexOf('^', StringComparison.Ordinal) + 1;
                    }
                    else if (Detail().IsMatch(trimmed))
                    {
                        message += "; " + CollapseSpaces(trimmed);
                    }
                }

                findings.Add(new ValidationFinding(message) { File = javac.Groups["file"].Value, Line = ToInt(javac.Groups["line"].Value), Column = column });
            }
            else if (Kotlin().Match(lines[i]) is { Success: true } kotlin)
            {
                findings.Add(new ValidationFinding(kotlin.Groups["msg"].Value)
                {
                    File = kotlin.Groups["file"].Value,
                    Line = ToInt(kotlin.Groups["line"].Value),
                    Column = ToInt(kotlin.Groups["col"].Value),
                });
            }
            else if (OldKotlin().Match(lines[i]) is { Success: true } old)
            {
                findings.Add(new ValidationFinding(old.Groups["msg"].Value)
                {
                    File = old.Groups["file"].Value,
                    Line = ToInt(old.Groups["line"].Value),
                    Column = ToInt(old.Groups["col"].Value),
                });
            }
        }

        return [.. findings.Distinct()];
    }

    internal static string CollapseSpaces(string text) => Spaces().Replace(text, " ");

    [GeneratedRegex(@"^(?<file>[^\s:][^:]*\.java):(?<line>\d+): error: (?<msg>.+)$")]
    private static partial Regex Javac();

    [GeneratedRegex(@"^\d+ errors?$")]
    private static partial Regex Count();

    [GeneratedRegex(@"^(?:symbol|location|required|found|reason)\s*:")]
    private static partial Regex Detail();

    [GeneratedRegex(@"^e: (?:file://)?(?<file>[^\s:][^:]*\.kts?):(?<line>\d+):(?<col>\d+) (?<msg>.+)$")]
    private static partial Regex Kotlin();

    [GeneratedRegex(@"^e: (?<file>[^\s:][^:]*\.kts?): \((?<line>\d+), (?<col>\d+)\): (?<msg>.+)$")]
    private static partial Regex OldKotlin();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();
}
