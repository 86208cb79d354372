namespace Honk.Review;

/// <summary>What happened to a file in a diff.</summary>
public enum FileChangeKind
{
    /// <summary>The file's content or mode changed in place.</summary>
    Modified,

    /// <summary>The file is new.</summary>
    Added,

    /// <summary>The file was deleted.</summary>
    Deleted,

    /// <summary>The file was moved (and possibly edited): <see cref="FileDiff.OldPath"/> differs from <see cref="FileDiff.NewPath"/>.</summary>
    Renamed,

    /// <summary>The file was copied from <see cref="FileDiff.OldPath"/> (and possibly edited).</summary>
    Copied,
}
