using System.Net;
using System.Text;

namespace Honk.Models.Tests.Infrastructure;

/// <summary>What the loopback server answers: a status, headers and a body sent in parts, optionally cut short.</summary>
internal sealed record LoopbackResponse
{
    public int Status { get; init; } = 200;

    public Dictionary<string, string> Headers { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Body parts, written and flushed one by one (an SSE stream is one part per event).</summary>
    public IReadOnlyList<string> Parts { get; init; } = [];

    /// <summary>Chunked transfer encoding (how real providers stream); otherwise Content-Length, or close-delimited when cut.</summary>
    public bool Chunked { get; init; }

    /// <summary>When set, the connection is dropped after this many parts, without finishing the body.</summary>
    public int? AbortAfterParts { get; init; }

    public TimeSpan DelayBetweenParts { get; init; }

    public static LoopbackResponse Json(string body, int status = 200) => new()
    {
        Status = status,
        Headers = new(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = "application/json" },
        Parts = [body],
    };

    public static LoopbackResponse EventStream(IEnumerable<string> events, int? abortAfter = null) => new()
    {
        Headers = new(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = "text/event-stream", ["Cache-Control"] = "no-cache" },
        Parts = [.. events],
        Chunked = true,
        AbortAfterParts = abortAfter,
    };

    public LoopbackResponse WithHeader(string name, string value)
    {
        var headers = new Dictionary<string, string>(Headers, StringComparer.OrdinalIgnoreCase) { [name] = value };
        return this with { Headers = headers };
    }

    internal string ReasonPhrase => Status switch
    {
        429 => "Too Many Requests",
        529 => "Overloaded",
        _ => ((HttpStatusCode)Status).ToString(),
    };

    internal static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
