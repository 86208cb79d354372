using System.Text.Json;
using System.Text.Json.Serialization;

namespace Honk.Transcripts;

/// <summary>
/// Writes a <see cref="ValidationResult"/> as <c>{ "outcome", "summary", "findings" }</c> and reads it back through
/// its factories.
/// </summary>
internal sealed class ValidationResultJsonConverter : JsonConverter<ValidationResult>
{
    public override ValidationResult Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        var outcome = root.TryGetProperty("outcome", out var o) ? o.GetString() : null;
        var summary = root.TryGetProperty("summary", out var s) ? s.GetString() : null;
        var findings = root.TryGetProperty("findings", out var f) && f.ValueKind == JsonValueKind.Array
            ? f.Deserialize<List<ValidationFinding>>(options) ?? []
            : [];
        summary = string.IsNullOrWhiteSpace(summary) ? outcome ?? "unknown" : summary;
        return outcome switch
        {
            "passed" => ValidationResult.Success(summary),
            "failed" => ValidationResult.Failure(summary, findings),
            "skipped" => ValidationResult.Skip(summary),
            _ => throw new JsonException($"Unknown validation outcome '{outcome}'."),
        };
    }

    public override void Write(Utf8JsonWriter writer, ValidationResult value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("outcome");
        JsonSerializer.Serialize(writer, value.Outcome, options);
        writer.WriteString("summary", value.Summary);
        if (value.Findings.Count > 0)
        {
            writer.WritePropertyName("findings");
            JsonSerializer.Serialize(writer, value.Findings, options);
        }

        writer.WriteEndObject();
    }
}
