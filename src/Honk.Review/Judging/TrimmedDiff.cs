namespace Honk.Review;

/// <summary>A diff cut to a budget, with a note for each file that was cut.</summary>
/// <param name="Text">The diff text to show.</param>
/// <param name="Cuts">One line per file that is shown only in part or not at all.</param>
internal sealed record TrimmedDiff(string Text, IReadOnlyList<string> Cuts)
{
    public bool WasCut => Cuts.Count > 0;
}
