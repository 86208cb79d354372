namespace Honk.Review;

/// <summary>What <see cref="LlmJudge"/> decides when it cannot get a verdict from its model.</summary>
public enum JudgeFailurePolicy
{
    /// <summary>Approve, with a note that the change was not reviewed. Deterministic guards and validators still hold.</summary>
    Approve,

    /// <summary>Veto, telling the model that the review could not be completed.</summary>
    Veto,
}
