using System.Globalization;

namespace Honk.Tasks;

/// <summary>One problem in a task file, at a 1-based line and column of the whole file.</summary>
/// <param name="Line">The line, counted from 1 at the top of the file (the opening <c>---</c> is line 1).</param>
/// <param name="Column">The column, counted from 1; 0 when the problem concerns the whole line.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
public sealed record TaskFileError(int Line, int Column, string Message)
{
    /// <summary>Formats the error as <c>line L, column C: message</c>, or <c>SOURCE:L:C: message</c> with a source.</summary>
    /// <param name="source">The file name, if any.</param>
    /// <returns>The formatted error.</returns>
    public string Format(string? source)
    {
        var at = Column > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{Line}:{Column}")
            : Line.ToString(CultureInfo.InvariantCulture);
        return source is null
            ? string.Create(CultureInfo.InvariantCulture, $"line {at}: {Message}")
            : $"{source}:{at}: {Message}";
    }

    /// <inheritdoc />
    public override string ToString() => Format(null);
}
