using System.Text.RegularExpressions;

namespace Honk.Validators.Toolchains;

/// <summary>
/// Reads CMake's configure and generate errors: <c>CMake Error at CMakeLists.txt:6 (add_subdirectory):</c> followed by
/// its indented explanation, and <c>CMake Error: message</c>. Warnings and the log-file hints are dropped.
/// </summary>
public sealed partial class CMakeOutputParser : OutputParser
{
    /// <inheritdoc />
    protected override IReadOnlyList<ValidationFinding> ParseLines(IReadOnlyList<string> lines)
    {
        var findings = new List<ValidationFinding>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (Located().Match(lines[i]) is { Success: true } at)
            {
                var explanation = new List<string>();
                while (i + 1 < lines.Count && (lines[i + 1].Length == 0 || lines[i + 1].StartsWith(' ')))
                {
                    i++;
                    if (lines[i].Length == 0)
                    {
                        if (explanation.Count > 0)
                        {
                            break;
                        }

                        continue;
                    }

                    explanation.Add(lines[i].Trim());
                }

                var message = explanation.Count == 0 ? "CMake error" : string.Join(' ', explanation);
                findings.Add(new ValidationFinding(message)
                {
                    File = at.Groups["file"].Value,
                    Line = ToInt(at.Groups["line"].Value),
                    Code = at.Groups["command"].Success ? at.Groups["command"].Value : null,
                });
            }
            else if (Plain().Match(lines[i]) is { Success: true } plain)
            {
                findings.Add(new ValidationFinding(plain.Groups["msg"].Value.Trim()));
            }
        }

        return [.. findings.Distinct()];
    }

    [GeneratedRegex(@"^CMake Error (?:at|in) (?<file>[^:]+?)(?::(?<line>\d+))?(?: \((?<command>[\w]+)\))?:\s*$")]
    private static partial Regex Located();

    [GeneratedRegex(@"^CMake Error: (?<msg>.+)$")]
    private static partial Regex Plain();
}
