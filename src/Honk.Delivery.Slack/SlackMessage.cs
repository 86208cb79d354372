using System.Text.Json.Nodes;

namespace Honk.Delivery.Slack;

/// <summary>A message for <c>chat.postMessage</c> or an incoming webhook.</summary>
public sealed record SlackMessage
{
    /// <summary>The plain-text fallback shown in notifications and by clients that cannot render blocks (required).</summary>
    public required string Text { get; init; }

    /// <summary>The channel id (<c>C…</c>) for <c>chat.postMessage</c>; ignored by webhooks, which post where they were made for.</summary>
    public string? Channel { get; init; }

    /// <summary>The <c>ts</c> of the thread's parent message, to reply in that thread.</summary>
    public string? ThreadTs { get; init; }

    /// <summary>Block Kit blocks, when any.</summary>
    public JsonArray? Blocks { get; init; }

    /// <summary>Invisible metadata (Web API only; webhooks drop it), by which the message can be found again after a crash.</summary>
    public SlackMessageMetadata? Metadata { get; init; }
}
