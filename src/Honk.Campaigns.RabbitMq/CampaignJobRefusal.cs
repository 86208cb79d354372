namespace Honk.Campaigns.RabbitMq;

/// <summary>A job a worker did not run because it cannot run it correctly, and what it did with the job.</summary>
/// <param name="Campaign">The campaign the job belongs to.</param>
/// <param name="Position">The repository's position.</param>
/// <param name="Reason">Why this worker cannot run it, in words for the worker's log.</param>
/// <param name="Refusals">How many times workers have refused this job so far, this refusal included.</param>
/// <param name="DeadLettered">Whether the job went to the dead-letter queue (too many refusals) instead of back to the queue.</param>
public sealed record CampaignJobRefusal(string Campaign, int Position, string Reason, int Refusals, bool DeadLettered);
