using System.Globalization;

namespace Honk.Tools.Patching;

/// <summary>One <c>@@ -a,b +c,d @@</c> section of a file patch.</summary>
internal sealed class Hunk
{
    /// <summary>The 1-based line the hunk starts at in the old file (0 for an insertion at the top).</summary>
    public int OldStart { get; init; }

    /// <summary>The old line count the header states.</summary>
    public int OldCount { get; init; }

    /// <summary>The new start line the header states.</summary>
    public int NewStart { get; init; }

    /// <summary>The new line count the header states.</summary>
    public int NewCount { get; init; }

    /// <summary>The header line, for messages.</summary>
    public string Header { get; init; } = "";

    /// <summary>The hunk's lines.</summary>
    public List<HunkLine> Lines { get; } = [];

    /// <summary>True when "\ No newline at end of file" followed the last old-side line.</summary>
    public bool OldEndsWithoutNewline { get; set; }

    /// <summary>True when "\ No newline at end of file" followed the last new-side line.</summary>
    public bool NewEndsWithoutNewline { get; set; }

    /// <summary>The lines the file must have (context and removed).</summary>
    public List<string> OldLines => Lines.Where(l => l.Kind != '+').Select(l => l.Text).ToList();

    /// <summary>The lines the file will have (context and added).</summary>
    public List<string> NewLines => Lines.Where(l => l.Kind != '-').Select(l => l.Text).ToList();

    /// <inheritdoc />
    public override string ToString() => Header.Length > 0 ? Header : string.Create(CultureInfo.InvariantCulture, $"@@ -{OldStart},{OldCount} +{NewStart},{NewCount} @@");
}
