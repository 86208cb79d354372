namespace Honk.Review;

/// <summary>Settings of <see cref="TestIntegrityGuard"/>.</summary>
public sealed class TestIntegrityGuardOptions
{
    /// <summary>
    /// Lets every change to tests, solutions, CI and lint settings through (the guard approves with a note), for a
    /// session whose task really is to remove or disable tests. Default <see langword="false"/>.
    /// </summary>
    /// <remarks>
    /// A task's allowed paths do not lift the guard, even when they name test folders: tasks name them so the agent
    /// can add or fix tests, which the guard never objects to; it only objects to weakening them.
    /// </remarks>
    public bool AllowTestChanges { get; set; }

    /// <summary>Globs of files the guard never inspects (vendored or generated code). Default: none.</summary>
    public IList<string> IgnoredPaths { get; } = [];

    /// <summary>The longest veto message, in characters; further violations are counted, not listed. Default 2,000.</summary>
    public int MaxFeedbackChars { get; set; } = 2_000;
}
