namespace Honk.Review;

/// <summary>The role of one line of a hunk.</summary>
public enum DiffLineKind
{
    /// <summary>Unchanged, shown for context (prefix <c>' '</c>).</summary>
    Context,

    /// <summary>Added (prefix <c>'+'</c>).</summary>
    Added,

    /// <summary>Removed (prefix <c>'-'</c>).</summary>
    Removed,
}
