using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Honk.Delivery.Tests.GitHub;

namespace Honk.Delivery.Tests.Slack;

/// <summary>
/// A loopback server that follows Slack's documented contracts: <c>chat.postMessage</c> answers HTTP 200 with
/// <c>{"ok": false, "error": "not_authed" | "invalid_auth" | "channel_not_found" | "no_text"}</c> or
/// <c>{"ok": true, "channel", "ts"}</c>; an incoming webhook answers <c>ok</c> as plain text, or a plain-text error code
/// with a 4xx status. Queued failures (429 with Retry-After) come first. It keeps the messages: <c>metadata</c>
/// (<c>event_type</c>, <c>event_payload</c>) is stored, and <c>conversations.history</c> (a channel's top-level messages,
/// newest first) and <c>conversations.replies</c> (a thread's parent, then its replies, oldest first; <c>thread_not_found</c>
/// for an unknown <c>ts</c>) return it only with <c>include_all_metadata=true</c>, taking form-encoded or query arguments,
/// paging by <c>limit</c> and <c>cursor</c> (<c>has_more</c>, <c>response_metadata.next_cursor</c>).
/// </summary>
internal sealed class FakeSlack : IAsyncDisposable
{
    public const string BotToken = "xoxb-0000-test-token";
    public const string WebhookPath = "/services/T000/B000/s3cr3tw3bh00k";

    private readonly ConcurrentQueue<LoopbackResponse> _failures = new();
    private readonly LoopbackServer _server;
    private readonly List<JsonObject> _stored = [];
    private int _messages;

    public FakeSlack() => _server = LoopbackServer.Start(Handle);

    public Uri ApiUrl => new(_server.BaseUrl, "api/");

    public Uri WebhookUrl => new(_server.BaseUrl, WebhookPath);

    public IReadOnlyList<RecordedRequest> Requests => _server.Requests;

    public void Fail(LoopbackResponse response) => _failures.Enqueue(response);

    /// <summary>Called after each request was answered (a kill test stops the host here: Slack did it, Honk never heard).</summary>
    public Action<RecordedRequest>? AfterHandled { get; set; }

    /// <summary>The messages posted and seeded, oldest first.</summary>
    public IReadOnlyList<JsonObject> Messages
    {
        get
        {
            lock (_stored)
            {
                return [.. _stored.Select(m => (JsonObject)m.DeepClone())];
            }
        }
    }

    /// <summary>A person's message (e.g. the mention a thread starts with); returns its <c>ts</c>.</summary>
    public string AddUserMessage(string channel, string text, string? threadTs = null)
    {
        var ts = NextTs();
        lock (_stored)
        {
            _stored.Add(new JsonObject { ["channel"] = channel, ["ts"] = ts, ["text"] = text, ["user"] = "U_PERSON", ["thread_ts"] = threadTs });
        }

        return ts;
    }

    /// <summary>The posted messages whose metadata payload has this <c>key</c>.</summary>
    public IReadOnlyList<JsonObject> WithKey(string key)
        => [.. Messages.Where(m => m["metadata"]?["event_payload"]?["key"]?.GetValue<string>() == key)];

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private LoopbackResponse Handle(RecordedRequest request)
    {
        var response = Answer(request);
        AfterHandled?.Invoke(request);
        return response;
    }

    private string NextTs() => $"1700000000.{Interlocked.Increment(ref _messages):D6}";

    private LoopbackResponse Answer(RecordedRequest request)
    {
        if (_failures.TryDequeue(out var failure))
        {
            return failure;
        }

        if (request.Path == WebhookPath)
        {
            return Webhook(request);
        }

        if (request.Path is not ("/api/chat.postMessage" or "/api/conversations.history" or "/api/conversations.replies"))
        {
            return LoopbackResponse.Json(404, new { ok = false, error = "unknown_method" });
        }

        var auth = request.Header("Authorization");
        if (auth is null)
        {
            return LoopbackResponse.Json(200, new { ok = false, error = "not_authed" });
        }

        if (auth != "Bearer " + BotToken)
        {
            return LoopbackResponse.Json(200, new { ok = false, error = "invalid_auth" });
        }

        if (request.Path != "/api/chat.postMessage")
        {
            return Read(request);
        }

        if (request.Method != "POST" || request.Header("Content-Type")?.StartsWith("application/json", StringComparison.Ordinal) != true)
        {
            return LoopbackResponse.Json(200, new { ok = false, error = "invalid_arguments" });
        }

        var body = request.Json;
        var channel = body["channel"]?.GetValue<string>();
        if (string.IsNullOrEmpty(channel) || channel == "C404")
        {
            return LoopbackResponse.Json(200, new { ok = false, error = "channel_not_found" });
        }

        if (string.IsNullOrEmpty(body["text"]?.GetValue<string>()) && body["blocks"] is null)
        {
            return LoopbackResponse.Json(200, new { ok = false, error = "no_text" });
        }

        if (body["metadata"] is { } metadata && (metadata["event_type"]?.GetValueKind() != System.Text.Json.JsonValueKind.String || metadata["event_payload"] is not JsonObject))
        {
            return LoopbackResponse.Json(200, new { ok = false, error = "invalid_metadata_format" });
        }

        var ts = NextTs();
        var message = new JsonObject
        {
            ["channel"] = channel, ["ts"] = ts, ["text"] = body["text"]?.GetValue<string>(), ["bot_id"] = "B_HONK",
            ["thread_ts"] = body["thread_ts"]?.GetValue<string>(), ["metadata"] = body["metadata"]?.DeepClone(),
        };
        lock (_stored)
        {
            _stored.Add(message);
        }

        return LoopbackResponse.Json(200, new { ok = true, channel, ts, message = new { text = body["text"]!.GetValue<string>(), ts } });
    }

    /// <summary>conversations.history and conversations.replies.</summary>
    private LoopbackResponse Read(RecordedRequest request)
    {
        var args = Arguments(request);
        var channel = args.GetValueOrDefault("channel");
        if (string.IsNullOrEmpty(channel) || channel == "C404")
        {
            return LoopbackResponse.Json(200, new { ok = false, error = "channel_not_found" });
        }

        List<JsonObject> found;
        lock (_stored)
        {
            var inChannel = _stored.Where(m => m["channel"]!.GetValue<string>() == channel).ToList();
            if (request.Path == "/api/conversations.history")
            {
                found = [.. inChannel.Where(m => m["thread_ts"] is null || m["thread_ts"]!.GetValue<string>() == m["ts"]!.GetValue<string>()).Reverse()];
            }
            else
            {
                var ts = args.GetValueOrDefault("ts");
                if (string.IsNullOrEmpty(ts))
                {
                    return LoopbackResponse.Json(200, new { ok = false, error = "invalid_arguments" });
                }

                var parent = inChannel.FirstOrDefault(m => m["ts"]!.GetValue<string>() == ts);
                if (parent is null)
                {
                    return LoopbackResponse.Json(200, new { ok = false, error = "thread_not_found" });
                }

                found = [parent, .. inChannel.Where(m => m["thread_ts"]?.GetValue<string>() == ts && m != parent)];
            }

            found = [.. found.Select(m => (JsonObject)m.DeepClone())];
        }

        var withMetadata = args.GetValueOrDefault("include_all_metadata") is "true" or "1";
        var limit = int.TryParse(args.GetValueOrDefault("limit"), out var l) && l is > 0 and <= 999 ? l : 100;
        var start = int.TryParse(args.GetValueOrDefault("cursor")?.Replace("next_", "", StringComparison.Ordinal), out var c) ? c : 0;
        var page = new JsonArray();
        foreach (var m in found.Skip(start).Take(limit))
        {
            m.Remove("channel");
            if (!withMetadata || m["metadata"] is null)
            {
                m.Remove("metadata");
            }

            page.Add(m);
        }

        var more = start + limit < found.Count;
        return LoopbackResponse.Json(200, new JsonObject
        {
            ["ok"] = true, ["messages"] = page, ["has_more"] = more,
            ["response_metadata"] = new JsonObject { ["next_cursor"] = more ? $"next_{(start + limit).ToString(System.Globalization.CultureInfo.InvariantCulture)}" : "" },
        });
    }

    private static Dictionary<string, string> Arguments(RecordedRequest request)
    {
        var text = request.Method == "GET" ? request.PathAndQuery.Split('?', 2) is [_, var q] ? q : "" : request.Body;
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            args[Uri.UnescapeDataString(kv[0].Replace('+', ' '))] = kv.Length > 1 ? Uri.UnescapeDataString(kv[1].Replace('+', ' ')) : "";
        }

        return args;
    }

    private static LoopbackResponse Webhook(RecordedRequest request)
    {
        JsonNode? body;
        try
        {
            body = JsonNode.Parse(request.Body);
        }
        catch (System.Text.Json.JsonException)
        {
            return LoopbackResponse.Text(400, "invalid_payload");
        }

        return string.IsNullOrEmpty(body?["text"]?.GetValue<string>()) && body?["blocks"] is null
            ? LoopbackResponse.Text(400, "no_text")
            : LoopbackResponse.Text(200, "ok");
    }
}
