using System.Text.Json;

namespace Honk.Server;

/// <summary>A parsed Slack Events API request (only the fields Honk uses).</summary>
public sealed record SlackEventRequest
{
    /// <summary>What the request carries.</summary>
    public required SlackEventKind Kind { get; init; }

    /// <summary>The <c>challenge</c> of a URL verification.</summary>
    public string? Challenge { get; init; }

    /// <summary>The event's unique id (<c>event_id</c>), used against replays.</summary>
    public string? EventId { get; init; }

    /// <summary>Who mentioned the app.</summary>
    public string? UserId { get; init; }

    /// <summary>The message text, mention included (<c>&lt;@U123&gt; fix the build</c>).</summary>
    public string? Text { get; init; }

    /// <summary>The channel of the message.</summary>
    public string? ChannelId { get; init; }

    /// <summary>The thread to reply in: the message's <c>thread_ts</c>, else its own <c>ts</c>.</summary>
    public string? ThreadTs { get; init; }

    /// <summary>The message's own <c>ts</c> (a mention in a thread arrives both as a mention and as a thread message).</summary>
    public string? MessageTs { get; init; }

    /// <summary>Parses an Events API JSON body.</summary>
    /// <param name="json">The raw body.</param>
    /// <param name="request">The request, when the body is well formed.</param>
    /// <returns><see langword="false"/> for malformed JSON or missing required fields.</returns>
    public static bool TryParse(ReadOnlySpan<byte> json, out SlackEventRequest? request)
    {
        request = null;
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray());
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            switch (type.GetString())
            {
                case "url_verification":
                    var challenge = Str(root, "challenge");
                    if (string.IsNullOrEmpty(challenge))
                    {
                        return false;
                    }

                    request = new SlackEventRequest { Kind = SlackEventKind.UrlVerification, Challenge = challenge };
                    return true;
                case "event_callback":
                    var eventId = Str(root, "event_id");
                    if (string.IsNullOrEmpty(eventId) || !root.TryGetProperty("event", out var ev) || ev.ValueKind != JsonValueKind.Object)
                    {
                        return false;
                    }

                    if (Str(ev, "type") == "message" && Str(ev, "thread_ts") is { } replyThread && Str(ev, "user") is { } replier
                        && Str(ev, "channel") is { } replyChannel && !ev.TryGetProperty("bot_id", out _) && !ev.TryGetProperty("subtype", out _))
                    {
                        // A person's reply in a thread: a planning conversation's answers come this way.
                        request = new SlackEventRequest
                        {
                            Kind = SlackEventKind.ThreadMessage, EventId = eventId, UserId = replier, ChannelId = replyChannel, ThreadTs = replyThread,
                            MessageTs = Str(ev, "ts"), Text = Str(ev, "text") ?? "",
                        };
                        return true;
                    }

                    if (Str(ev, "type") != "app_mention")
                    {
                        request = new SlackEventRequest { Kind = SlackEventKind.Other, EventId = eventId };
                        return true;
                    }

                    var user = Str(ev, "user");
                    var channel = Str(ev, "channel");
                    var ts = Str(ev, "thread_ts") ?? Str(ev, "ts");
                    if (string.IsNullOrEmpty(user) || string.IsNullOrEmpty(channel))
                    {
                        return false;
                    }

                    request = new SlackEventRequest
                    {
                        Kind = SlackEventKind.AppMention, EventId = eventId, UserId = user, ChannelId = channel, ThreadTs = ts, Text = Str(ev, "text") ?? "",
                        MessageTs = Str(ev, "ts"),
                    };
                    return true;
                default:
                    request = new SlackEventRequest { Kind = SlackEventKind.Other, EventId = Str(root, "event_id") };
                    return true;
            }
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? Str(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
