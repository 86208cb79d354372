using System.Text.Json;
using System.Text.Json.Serialization;

namespace Honk.Transcripts;

/// <summary>
/// Writes a <see cref="ValidationResult"/> as <c>{ "outcome", "summary", "failureKind"?, "findings" }</c> and reads it back through
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
        var kind = root.TryGetProperty("failureKind", out var k) ? KindOf(k.GetString()) : ValidationFailureKind.Checks;
        return outcome switch
        {
            "passed" => ValidationResult.Success(summary),
            "failed" => ValidationResult.Failure(summary, findings, kind),
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
        if (value.FailureKind != ValidationFailureKind.Checks)
        {
            // Written only when it is not the usual kind, so older readers and records stay as they were.
            writer.WriteString("failureKind", NameOf(value.FailureKind));
        }

        if (value.Findings.Count > 0)
        {
            writer.WritePropertyName("findings");
            JsonSerializer.Serialize(writer, value.Findings, options);
        }

        writer.WriteEndObject();
    }

    private static string NameOf(ValidationFailureKind kind) => kind switch
    {
        ValidationFailureKind.NoTestsRan => "no_tests_ran",
        ValidationFailureKind.Infrastructure => "infrastructure",
        ValidationFailureKind.Environment => "environment",
        _ => "checks",
    };

    private static ValidationFailureKind KindOf(string? name) => name switch
    {
        "no_tests_ran" => ValidationFailureKind.NoTestsRan,
        "infrastructure" => ValidationFailureKind.Infrastructure,
        "environment" => ValidationFailureKind.Environment,
        "checks" or null => ValidationFailureKind.Checks,
        _ => throw new JsonException($"Unknown validation failure kind '{name}'."),
    };
}
