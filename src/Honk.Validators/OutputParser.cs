using System.Text.RegularExpressions;

namespace Honk.Validators;

/// <summary>
/// Base of the output parsers: removes terminal colour codes and carriage returns, splits lines, and hands them to
/// <see cref="ParseLines"/>. Paths may be left absolute: <see cref="CommandValidator"/> makes them relative to the
/// repository afterwards.
/// </summary>
public abstract partial class OutputParser : IOutputParser
{
    /// <inheritdoc />
    public IReadOnlyList<ValidationFinding> Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return ParseLines(SplitLines(output));
    }

    /// <summary>
    /// A one-line note for a passing run, e.g. <c>12 tests passed</c>, when the output says it; otherwise
    /// <see langword="null"/>.
    /// </summary>
    /// <param name="output">The command's output.</param>
    /// <returns>The note, or <see langword="null"/>.</returns>
    public virtual string? DescribeSuccess(string output) => null;

    /// <summary>
    /// How many tests the run executed, when the output says it (its totals line, or the runner's "no tests found"
    /// message, which counts as 0); otherwise <see langword="null"/>. A passing test step that ran 0 tests where the
    /// repository has tests is not a pass.
    /// </summary>
    /// <param name="output">The command's output.</param>
    /// <returns>The number of tests run, or <see langword="null"/> when the output does not say.</returns>
    public virtual int? CountTestsRun(string output) => null;

    /// <summary>Removes ANSI escape sequences (colours, cursor moves).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The text without escape sequences.</returns>
    public static string StripAnsi(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Contains('\u001b', StringComparison.Ordinal) ? AnsiPattern().Replace(text, "") : text;
    }

    /// <summary>Splits output into lines without colour codes, carriage returns or trailing blanks.</summary>
    /// <param name="output">The output.</param>
    /// <returns>The lines.</returns>
    public static IReadOnlyList<string> SplitLines(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var lines = StripAnsi(output).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            // A progress display rewrites its line with '\r': only the last rewrite is what a person saw.
            var line = lines[i];
            var cr = line.TrimEnd('\r').LastIndexOf('\r');
            lines[i] = (cr >= 0 ? line[(cr + 1)..] : line).TrimEnd();
        }

        return lines;
    }

    /// <summary>Parses the cleaned lines.</summary>
    /// <param name="lines">The output's lines, cleaned.</param>
    /// <returns>The findings in order of appearance.</returns>
    protected abstract IReadOnlyList<ValidationFinding> ParseLines(IReadOnlyList<string> lines);

    /// <summary>Parses an integer that a regular expression already matched as digits.</summary>
    /// <param name="digits">The digits, or an empty/absent group value.</param>
    /// <returns>The number, or <see langword="null"/>.</returns>
    protected static int? ToInt(string? digits)
        => int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

    [GeneratedRegex(@"\u001b(\[[0-9;?]*[ -/]*[@-~]|\][^\u0007]*\u0007|[@-Z\\-_])")]
    private static partial Regex AnsiPattern();

    /// <summary>"1 test passed" or "N tests passed".</summary>
    /// <param name="count">How many tests passed, as the tool printed it.</param>
    /// <returns>The note.</returns>
    protected static string TestsPassed(string count) => count == "1" ? "1 test passed" : count + " tests passed";

    /// <summary>"1 test passed" or "N tests passed".</summary>
    /// <param name="count">How many tests passed.</param>
    /// <returns>The note.</returns>
    protected static string TestsPassed(int count) => TestsPassed(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
