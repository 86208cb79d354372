using System.Text.Json;

namespace Honk.Delivery.Tests.GitHub;

/// <summary>What the loopback server answers.</summary>
internal sealed record LoopbackResponse(int Status, string Body = "", IReadOnlyDictionary<string, string>? Headers = null)
{
    public string ContentType { get; init; } = "application/json; charset=utf-8";

    public static LoopbackResponse Json(int status, object body, IReadOnlyDictionary<string, string>? headers = null)
        => new(status, JsonSerializer.Serialize(body), headers);

    public static LoopbackResponse Text(int status, string body, IReadOnlyDictionary<string, string>? headers = null)
        => new(status, body, headers) { ContentType = "text/plain; charset=utf-8" };
}
