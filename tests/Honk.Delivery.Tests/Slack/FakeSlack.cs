using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Honk.Delivery.Tests.GitHub;

namespace Honk.Delivery.Tests.Slack;

/// <summary>
/// A loopback server that follows Slack's documented contracts: <c>chat.postMessage</c> answers HTTP 200 with
/// <c>{"ok": false, "error": "not_authed" | "invalid_auth" | "channel_not_found" | "no_text"}</c> or
/// <c>{"ok": true, "channel", "ts"}</c>; an incoming webhook answers <c>ok</c> as plain text, or a plain-text error code
/// with a 4xx status. Queued failures (429 with Retry-After) come first.
/// </summary>
internal sealed class FakeSlack : IAsyncDisposable
{
    public const string BotToken = "xoxb-0000-test-token";
    public const string WebhookPath = "/services/T000/B000/s3cr3tw3bh00k";

    private readonly ConcurrentQueue<LoopbackResponse> _failures = new();
    private readonly LoopbackServer _server;
    private int _messages;

    public FakeSlack() => _server = LoopbackServer.Start(Handle);

    public Uri ApiUrl => new(_server.BaseUrl, "api/");

    public Uri WebhookUrl => new(_server.BaseUrl, WebhookPath);

    public IReadOnlyList<RecordedRequest> Requests => _server.Requests;

    public void Fail(LoopbackResponse response) => _failures.Enqueue(response);

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private LoopbackResponse Handle(RecordedRequest request)
    {
        if (_failures.TryDequeue(out var failure))
        {
            return failure;
        }

        if (request.Path == WebhookPath)
        {
            return Webhook(request);
        }

        if (request.Path != "/api/chat.postMessage" || request.Method != "POST")
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

        if (request.Header("Content-Type")?.StartsWith("application/json", StringComparison.Ordinal) != true)
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

        var ts = $"1700000000.{Interlocked.Increment(ref _messages):D6}";
        return LoopbackResponse.Json(200, new { ok = true, channel, ts, message = new { text = body["text"]!.GetValue<string>(), ts } });
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
