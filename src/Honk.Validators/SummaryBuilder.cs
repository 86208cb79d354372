using System.Text;

namespace Honk.Validators;

/// <summary>
/// Renders validator results the way the model and people read them: one short line on success; on failure a
/// headline and every distinct finding (file(line,col), code, message, failing test, assertion) within a byte budget,
/// duplicates dropped, and a count of what did not fit.
/// </summary>
/// <remarks>
/// Diagnostics render as <c>src/A.cs(5,16): error CS0103: message</c>; failing tests as
/// <c>FAILED Namespace.Class.Method: message</c> with the message's lines indented below and the top repository frame
/// as <c>at tests/ATests.cs:12</c>. Findings already present on the base are listed after the new ones, marked
/// <c>(pre-existing)</c>.
/// </remarks>
public sealed class SummaryBuilder
{
    /// <summary>The default budget of a failure summary: 2 KB.</summary>
    public const int DefaultMaxBytes = 2048;

    private const int MaxLineChars = 240;
    private const int MaxMessageLines = 16;
    private const int HeadMessageLines = 4;
    private const int MaxSuccessChars = 200;
    private const int ElisionReserve = 96;

    /// <summary>Creates a builder.</summary>
    /// <param name="maxBytes">The largest failure summary, in UTF-8 bytes (at least 256).</param>
    public SummaryBuilder(int maxBytes = DefaultMaxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 256);
        MaxBytes = maxBytes;
    }

    /// <summary>The largest failure summary, in UTF-8 bytes.</summary>
    public int MaxBytes { get; }

    /// <summary>The one-line success summary, e.g. <c>dotnet: build ok; test: 12 passed</c>.</summary>
    /// <param name="validatorName">The validator's name.</param>
    /// <param name="notes">Short notes per step.</param>
    /// <returns>One line of at most 200 characters.</returns>
    public static string Success(string validatorName, IEnumerable<string> notes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(validatorName);
        ArgumentNullException.ThrowIfNull(notes);
        var parts = notes.Select(OneLine).Where(n => n.Length > 0).ToList();
        var line = parts.Count == 0 ? $"{validatorName}: passed" : $"{validatorName}: {string.Join("; ", parts)}";
        return Cut(line, MaxSuccessChars);
    }

    /// <summary>Drops findings that say the same thing (same place, code, test and message, ignoring spacing).</summary>
    /// <param name="findings">The findings.</param>
    /// <returns>The distinct findings, first occurrence kept, in order.</returns>
    public static IReadOnlyList<ValidationFinding> Distinct(IEnumerable<ValidationFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. findings.Where(f => seen.Add(string.Join('\u001f', f.File, f.Line, f.Column, f.Code, f.TestName, Normalize(f.Message))))];
    }

    /// <summary>Renders one finding (several lines for a failing test with an assertion).</summary>
    /// <param name="finding">The finding.</param>
    /// <returns>The text, without a trailing newline.</returns>
    public static string Format(ValidationFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var lines = MessageLines(finding.Message);
        var first = lines.Count > 0 ? lines[0] : "";
        var text = new StringBuilder();
        if (finding.PreExisting)
        {
            text.Append("(pre-existing) ");
        }

        if (finding.TestName is not null)
        {
            text.Append("FAILED ").Append(finding.TestName);
            AppendIndented(text, lines);
            if (finding.File is not null)
            {
                text.Append("\n  at ").Append(finding.File);
                if (finding.Line is not null)
                {
                    text.Append(':').Append(finding.Line.Value);
                }
            }

            return text.ToString();
        }

        if (finding.File is not null)
        {
            text.Append(finding.File);
            if (finding.Line is not null)
            {
                text.Append('(').Append(finding.Line.Value);
                if (finding.Column is not null)
                {
                    text.Append(',').Append(finding.Column.Value);
                }

                text.Append(')');
            }

            text.Append(": ");
        }

        if (finding.Code is not null)
        {
            text.Append("error ").Append(finding.Code).Append(": ");
        }

        text.Append(Cut(first, MaxLineChars));
        AppendIndented(text, lines.Skip(1).ToList());
        return text.ToString();
    }

    /// <summary>Renders a failure summary within <see cref="MaxBytes"/>.</summary>
    /// <param name="headline">The first line, e.g. <c>dotnet: build failed</c>.</param>
    /// <param name="findings">The findings; duplicates are dropped, new ones are listed before pre-existing ones.</param>
    /// <param name="notes">Extra lines for people, e.g. flaky tests; may be empty.</param>
    /// <returns>The summary.</returns>
    public string Failure(string headline, IEnumerable<ValidationFinding> findings, IEnumerable<string>? notes = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(headline);
        ArgumentNullException.ThrowIfNull(findings);
        var all = findings.ToList();
        var distinct = Distinct(all);
        var ordered = distinct.Where(f => !f.PreExisting).Concat(distinct.Where(f => f.PreExisting)).ToList();
        var preExisting = ordered.Count(f => f.PreExisting);
        var counts = ordered.Count == 1 ? "1 problem" : $"{ordered.Count} problems";
        if (preExisting > 0)
        {
            counts += $", {preExisting} pre-existing on the base";
        }

        var text = new StringBuilder(Cut(OneLine(headline), MaxLineChars)).Append(" (").Append(counts).Append(')');
        foreach (var note in notes ?? [])
        {
            text.Append('\n').Append(Cut(OneLine(note), MaxLineChars));
        }

        var budget = MaxBytes - ElisionReserve;
        var shown = 0;
        foreach (var finding in ordered)
        {
            var block = "\n" + Format(finding);
            if (Encoding.UTF8.GetByteCount(text.ToString()) + Encoding.UTF8.GetByteCount(block) > budget)
            {
                // A long block may still fit with its first lines (the name and the start of the assertion).
                block = Shorten(block, budget - Encoding.UTF8.GetByteCount(text.ToString()));
                if (block.Length == 0)
                {
                    break;
                }
            }

            text.Append(block);
            shown++;
        }

        var elided = ordered.Count - shown;
        var duplicates = all.Count - distinct.Count;
        if (elided > 0 || duplicates > 0)
        {
            text.Append("\n...");
            if (elided > 0)
            {
                text.Append(' ').Append(elided).Append(elided == 1 ? " more problem not shown" : " more problems not shown");
            }

            if (duplicates > 0)
            {
                text.Append(elided > 0 ? "; " : " ").Append(duplicates).Append(duplicates == 1 ? " duplicate dropped" : " duplicates dropped");
            }
        }

        return FitBytes(text.ToString(), MaxBytes);
    }

    private static string Shorten(string block, int bytes)
    {
        const string Marker = "\n  ... (cut)";
        var kept = new StringBuilder();
        foreach (var line in block.Split('\n').Skip(1))
        {
            if (Encoding.UTF8.GetByteCount(kept.ToString()) + Encoding.UTF8.GetByteCount(line) + 1 + Marker.Length > bytes)
            {
                break;
            }

            kept.Append('\n').Append(line);
        }

        return kept.Length == 0 ? "" : kept.Append(Marker).ToString();
    }

    private static void AppendIndented(StringBuilder text, IReadOnlyList<string> lines)
    {
        // A long message keeps its head (what failed) and its end (where runners print the verdict and the
        // counts); the middle is what goes.
        var skipped = Math.Max(0, lines.Count - MaxMessageLines);
        for (var i = 0; i < lines.Count; i++)
        {
            if (skipped > 0 && i == HeadMessageLines)
            {
                text.Append("\n  ... ").Append(skipped).Append(skipped == 1 ? " line not shown" : " lines not shown");
                i += skipped - 1;
                continue;
            }

            text.Append("\n  ").Append(Cut(lines[i], MaxLineChars));
        }
    }

    private static List<string> MessageLines(string message)
        => DifferenceWindows.Apply([.. OutputParser.SplitLines(message).Select(CollapseSpaces).Where(l => l.Length > 0)], MaxLineChars);

    private static string CollapseSpaces(string line)
    {
        // Assertion messages align values with runs of spaces ("Actual:   9"); one space reads the same and is shorter.
        var text = new StringBuilder(line.Length);
        var previousSpace = false;
        foreach (var c in line.Trim())
        {
            var space = c is ' ' or '\t';
            if (!space || !previousSpace)
            {
                text.Append(space ? ' ' : c);
            }

            previousSpace = space;
        }

        return text.ToString();
    }

    private static string OneLine(string text) => string.Join(" | ", MessageLines(text));

    private static string Normalize(string message) => string.Join('\n', MessageLines(message));

    private static string Cut(string text, int maxChars) => text.Length <= maxChars ? text : text[..(maxChars - 3)] + "...";

    private static string FitBytes(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return text;
        }

        var chars = Math.Min(text.Length, maxBytes);
        while (chars > 0 && Encoding.UTF8.GetByteCount(text.AsSpan(0, chars)) > maxBytes - 3)
        {
            chars--;
        }

        return text[..chars] + "...";
    }
}
