using System.Text.Json.Nodes;

namespace Honk.Delivery.Slack;

/// <summary>
/// Slack's message metadata (<c>metadata: {"event_type", "event_payload"}</c> on <c>chat.postMessage</c>): invisible to
/// people, returned by <c>conversations.history</c> / <c>conversations.replies</c> with <c>include_all_metadata</c>. Honk
/// marks each message it posts with one, so after a crash it can find the message instead of posting it again.
/// </summary>
/// <param name="EventType">The event type: alphanumerics and underscores, e.g. <c>honk_message</c>.</param>
/// <param name="Payload">The payload: a flat object of strings, numbers and booleans.</param>
public sealed record SlackMessageMetadata(string EventType, JsonObject Payload)
{
    /// <summary>The event type of every message Honk posts for a session.</summary>
    public const string HonkEventType = "honk_message";

    /// <summary>The metadata Honk puts on a session's message: the session and what the message is (its key).</summary>
    /// <param name="sessionId">The session.</param>
    /// <param name="key">What the message is within the session (e.g. <c>slack-reply</c>, <c>slack-pr-checks:&lt;sha&gt;</c>).</param>
    /// <returns>The metadata.</returns>
    public static SlackMessageMetadata ForSession(string sessionId, string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return new SlackMessageMetadata(HonkEventType, new JsonObject { ["session_id"] = sessionId, ["key"] = key });
    }

    /// <summary>Whether another message's metadata is this one (same event type and the same payload values).</summary>
    /// <param name="other">The metadata read back from Slack.</param>
    /// <returns><see langword="true"/> when they match.</returns>
    public bool Matches(SlackMessageMetadata? other)
        => other is not null && other.EventType == EventType && JsonNode.DeepEquals(other.Payload, Payload);

    internal JsonObject ToJson() => new() { ["event_type"] = EventType, ["event_payload"] = Payload.DeepClone() };

    internal static SlackMessageMetadata? FromJson(JsonNode? node)
        => node is JsonObject o && o["event_type"]?.GetValueKind() == System.Text.Json.JsonValueKind.String && o["event_payload"] is JsonObject payload
            ? new SlackMessageMetadata(o["event_type"]!.GetValue<string>(), (JsonObject)payload.DeepClone())
            : null;
}
