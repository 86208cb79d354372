namespace Honk.Tools.Search;

/// <summary>One matching line.</summary>
/// <param name="Path">Root-relative '/' path.</param>
/// <param name="Line">1-based line number.</param>
/// <param name="Text">The line's text.</param>
internal sealed record SearchMatch(string Path, int Line, string Text) : IComparable<SearchMatch>
{
    /// <summary>Orders by path (ordinal), then line: the fixed output order of both search back-ends.</summary>
    /// <param name="other">The other match.</param>
    /// <returns>The order.</returns>
    public int CompareTo(SearchMatch? other)
    {
        if (other is null)
        {
            return 1;
        }

        var byPath = string.CompareOrdinal(Path, other.Path);
        return byPath != 0 ? byPath : Line.CompareTo(other.Line);
    }
}
