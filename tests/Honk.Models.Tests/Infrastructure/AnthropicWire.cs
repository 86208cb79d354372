using System.Text.Json;

namespace Honk.Models.Tests.Infrastructure;

/// <summary>
/// Anthropic Messages API wire shapes, as documented: named SSE events <c>message_start</c>,
/// <c>content_block_start/delta/stop</c> (text_delta, input_json_delta), <c>message_delta</c> (stop_reason, usage),
/// <c>message_stop</c>; errors as <c>{"type":"error","error":{"type":...,"message":...}}</c>.
/// </summary>
internal static class AnthropicWire
{
    public const string Model = "claude-sonnet-4-5-20250929";

    public static string Event(string name, object data) => $"event: {name}\ndata: {JsonSerializer.Serialize(data)}\n\n";

    public static string MessageStart(int inputTokens, int cacheRead = 0, int cacheCreation = 0) => Event("message_start", new
    {
        type = "message_start",
        message = new
        {
            id = "msg_01",
            type = "message",
            role = "assistant",
            content = Array.Empty<object>(),
            model = Model,
            stop_reason = (string?)null,
            stop_sequence = (string?)null,
            usage = new { input_tokens = inputTokens, cache_creation_input_tokens = cacheCreation, cache_read_input_tokens = cacheRead, output_tokens = 1 },
        },
    });

    public static string Ping => Event("ping", new { type = "ping" });

    public static string TextStart(int index) => Event("content_block_start", new { type = "content_block_start", index, content_block = new { type = "text", text = "" } });

    public static string TextDelta(int index, string text) => Event("content_block_delta", new { type = "content_block_delta", index, delta = new { type = "text_delta", text } });

    public static string ToolStart(int index, string id, string name)
        => Event("content_block_start", new { type = "content_block_start", index, content_block = new { type = "tool_use", id, name, input = new { } } });

    public static string InputJson(int index, string partialJson)
        => Event("content_block_delta", new { type = "content_block_delta", index, delta = new { type = "input_json_delta", partial_json = partialJson } });

    public static string BlockStop(int index) => Event("content_block_stop", new { type = "content_block_stop", index });

    public static string MessageDelta(string stopReason, int outputTokens)
        => Event("message_delta", new { type = "message_delta", delta = new { stop_reason = stopReason, stop_sequence = (string?)null }, usage = new { output_tokens = outputTokens } });

    public static string MessageStop => Event("message_stop", new { type = "message_stop" });

    public static string Message(object[] content, string stopReason, int inputTokens = 20, int outputTokens = 5, int cacheRead = 0) => JsonSerializer.Serialize(new
    {
        id = "msg_02",
        type = "message",
        role = "assistant",
        content,
        model = Model,
        stop_reason = stopReason,
        stop_sequence = (string?)null,
        usage = new { input_tokens = inputTokens, cache_creation_input_tokens = 0, cache_read_input_tokens = cacheRead, output_tokens = outputTokens },
    });

    public static string Error(string type, string message) => JsonSerializer.Serialize(new { type = "error", error = new { type, message } });
}
