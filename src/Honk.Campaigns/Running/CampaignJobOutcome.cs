namespace Honk.Campaigns;

/// <summary>What processing one job did.</summary>
public enum CampaignJobOutcome
{
    /// <summary>The session ran and its result is stored.</summary>
    Completed,

    /// <summary>The repository was already final (a duplicate delivery of its job): nothing ran.</summary>
    AlreadyFinal,

    /// <summary>The repository was started too many times without a result; it is recorded as failed.</summary>
    GaveUp,

    /// <summary>The campaign does not exist in this store: nothing ran, and the job must go back to a worker that has it.</summary>
    Unknown,
}
