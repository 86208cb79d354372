namespace Honk.Review;

/// <summary>A judge model's verdict as read from its answer.</summary>
/// <param name="Approved">True for approve.</param>
/// <param name="Reasons">The reasons it gave (may be empty).</param>
internal sealed record JudgeAnswer(bool Approved, IReadOnlyList<string> Reasons)
{
    /// <summary>The model's <c>scope_ok</c>, when it gave one.</summary>
    public bool? ScopeOk { get; init; }

    /// <summary>The model's <c>tests_ok</c> (or the negation of <c>tests_weakened</c>), when it gave one.</summary>
    public bool? TestsOk { get; init; }

    /// <summary>True when the verdict came from a bare word rather than a JSON object.</summary>
    public bool FromWords { get; init; }
}
