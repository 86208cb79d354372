using System.Text.Json;

namespace Honk.Models.Tests.Infrastructure;

/// <summary>
/// OpenAI Chat Completions wire shapes, as documented: streamed <c>chat.completion.chunk</c> objects as SSE
/// <c>data:</c> lines, a final usage chunk with empty <c>choices</c>, then <c>data: [DONE]</c>.
/// </summary>
internal static class OpenAIWire
{
    public const string Model = "gpt-4.1-2025-04-14";

    private static readonly JsonSerializerOptions Serializer = new();

    public static string Data(string json) => $"data: {json}\n\n";

    public static string Done => "data: [DONE]\n\n";

    public static string Chunk(object delta, string? finishReason = null) => Data(Serialize(new
    {
        id = "chatcmpl-1",
        @object = "chat.completion.chunk",
        created = 1735689600,
        model = Model,
        system_fingerprint = "fp_1",
        choices = new[] { new { index = 0, delta, logprobs = (object?)null, finish_reason = finishReason } },
        usage = (object?)null,
    }));

    public static string RoleChunk() => Chunk(new { role = "assistant", content = (string?)null, refusal = (string?)null });

    public static string TextChunk(string text) => Chunk(new { content = text });

    public static string ToolCallStart(int index, string id, string name)
        => Chunk(new { tool_calls = new[] { new { index, id, type = "function", function = new { name, arguments = "" } } } });

    public static string ToolCallArguments(int index, string fragment)
        => Chunk(new { tool_calls = new[] { new { index, function = new { arguments = fragment } } } });

    public static string Finish(string reason) => Chunk(new { }, reason);

    public static string Usage(int prompt, int completion, int cached) => Data(Serialize(new
    {
        id = "chatcmpl-1",
        @object = "chat.completion.chunk",
        created = 1735689600,
        model = Model,
        system_fingerprint = "fp_1",
        choices = Array.Empty<object>(),
        usage = UsageObject(prompt, completion, cached),
    }));

    public static string Completion(string messageJson, string finishReason, int prompt = 20, int completion = 5, int cached = 0) => Serialize(new
    {
        id = "chatcmpl-2",
        @object = "chat.completion",
        created = 1735689600,
        model = Model,
        choices = new[] { new { index = 0, message = JsonDocument.Parse(messageJson).RootElement, logprobs = (object?)null, finish_reason = finishReason } },
        usage = UsageObject(prompt, completion, cached),
        system_fingerprint = "fp_1",
    });

    public static string Error(string message, string type, string? code = null)
        => Serialize(new { error = new { message, type, param = (string?)null, code } });

    private static object UsageObject(int prompt, int completion, int cached) => new
    {
        prompt_tokens = prompt,
        completion_tokens = completion,
        total_tokens = prompt + completion,
        prompt_tokens_details = new { cached_tokens = cached, audio_tokens = 0 },
        completion_tokens_details = new { reasoning_tokens = 0, audio_tokens = 0, accepted_prediction_tokens = 0, rejected_prediction_tokens = 0 },
    };

    private static string Serialize(object value) => JsonSerializer.Serialize(value, Serializer);
}
