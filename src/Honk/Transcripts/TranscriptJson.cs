using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Honk.Transcripts;

/// <summary>
/// The JSON shape of transcript lines: one <see cref="AgentEvent"/> per line with its <c>type</c> discriminator,
/// camelCase properties, nulls left out. Verdicts and validation results, which only have factories, round-trip too.
/// </summary>
public static class TranscriptJson
{
    /// <summary>The serializer options of transcript lines (read-only).</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Serializes one event as a single line of JSON (no trailing newline).</summary>
    /// <param name="agentEvent">The event.</param>
    /// <returns>The JSON.</returns>
    public static string Serialize(AgentEvent agentEvent) => JsonSerializer.Serialize(agentEvent, Options);

    /// <summary>Reads one transcript line back into its event.</summary>
    /// <param name="line">The JSON line.</param>
    /// <returns>The event.</returns>
    /// <exception cref="JsonException">The line is not a known event.</exception>
    public static AgentEvent Deserialize(string line)
        => JsonSerializer.Deserialize<AgentEvent>(line, Options) ?? throw new JsonException("A transcript line is null.");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            AllowOutOfOrderMetadataProperties = true,
            TypeInfoResolver = JsonTypeInfoResolver.Combine(TranscriptJsonContext.Default, new DefaultJsonTypeInfoResolver()),
        };
        options.Converters.Add(new VerdictJsonConverter());
        options.Converters.Add(new ValidationResultJsonConverter());
        options.Converters.Add(new JsonStringEnumConverter<ValidationOutcome>(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly();
        return options;
    }
}
