namespace Honk.Delivery.Slack;

/// <summary>Where a task came from in Slack: the channel, and the thread to answer in.</summary>
/// <param name="Channel">The channel id (<c>C…</c>, <c>D…</c> for a direct message).</param>
/// <param name="ThreadTs">The <c>ts</c> of the thread's parent message; <see langword="null"/> posts at the channel's top level.</param>
public sealed record SlackThread(string Channel, string? ThreadTs = null);
