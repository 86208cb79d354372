using System.Text.Json;
using System.Text.Json.Serialization;

namespace Honk.Delivery.GitHub;

/// <summary>GitHub's JSON: snake_case names, absent fields left out of request bodies.</summary>
internal static class GitHubJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Reads GitHub's error document: <c>{"message": "...", "errors": [{"message": ...} | "text"]}</c>.</summary>
    public static (string? Message, IReadOnlyList<string> Errors) ReadError(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, []);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, []);
            }

            var message = document.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            var errors = new List<string>();
            if (document.RootElement.TryGetProperty("errors", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    var text = item.ValueKind switch
                    {
                        JsonValueKind.String => item.GetString(),
                        JsonValueKind.Object when item.TryGetProperty("message", out var em) && em.ValueKind == JsonValueKind.String => em.GetString(),
                        JsonValueKind.Object => DescribeErrorObject(item),
                        _ => null,
                    };
                    if (!string.IsNullOrWhiteSpace(text))
                    {
                        errors.Add(text);
                    }
                }
            }

            return (message, errors);
        }
        catch (JsonException)
        {
            return (null, []);
        }
    }

    private static string? DescribeErrorObject(JsonElement item)
    {
        // Without a message GitHub names the field and a code, e.g. {"resource":"PullRequest","field":"head","code":"invalid"}.
        var parts = new[] { "resource", "field", "code" }
            .Select(name => item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null)
            .Where(v => !string.IsNullOrEmpty(v))
            .ToArray();
        return parts.Length == 0 ? null : string.Join(' ', parts);
    }
}
