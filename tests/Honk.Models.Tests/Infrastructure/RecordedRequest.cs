using System.Text.Json;

namespace Honk.Models.Tests.Infrastructure;

/// <summary>One HTTP request as the loopback server received it.</summary>
internal sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string RawHead { get; init; } = "";

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Body);
        return document.RootElement.Clone();
    }
}
