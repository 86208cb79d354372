namespace Honk.Delivery.Slack;

/// <summary>Where a message landed.</summary>
/// <param name="Channel">The channel id Slack reports (<see langword="null"/> for webhooks).</param>
/// <param name="Ts">The message's timestamp id (<see langword="null"/> for webhooks, which do not return one).</param>
/// <param name="AlreadyPosted">The message was found (by its metadata) from an earlier attempt and not posted again.</param>
public sealed record SlackPostedMessage(string? Channel, string? Ts, bool AlreadyPosted = false);
