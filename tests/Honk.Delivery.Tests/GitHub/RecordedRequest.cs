using System.Text.Json.Nodes;
using System.Web;

namespace Honk.Delivery.Tests.GitHub;

/// <summary>One request the loopback server received.</summary>
internal sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string Path => PathAndQuery.Split('?', 2)[0];

    public string? Query(string name)
        => PathAndQuery.Contains('?', StringComparison.Ordinal) ? HttpUtility.ParseQueryString(PathAndQuery.Split('?', 2)[1])[name] : null;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException("The request has no JSON body.");
}
