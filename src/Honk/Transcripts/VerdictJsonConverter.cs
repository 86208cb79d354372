using System.Text.Json;
using System.Text.Json.Serialization;

namespace Honk.Transcripts;

/// <summary>Writes a <see cref="Verdict"/> as <c>{ "approved": bool, "feedback": "..." }</c> and reads it back through its factories.</summary>
internal sealed class VerdictJsonConverter : JsonConverter<Verdict>
{
    public override Verdict Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        var approved = root.TryGetProperty("approved", out var a) && a.ValueKind == JsonValueKind.True;
        var feedback = root.TryGetProperty("feedback", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        return approved ? Verdict.Approve(feedback) : Verdict.Veto(string.IsNullOrWhiteSpace(feedback) ? "(no feedback recorded)" : feedback);
    }

    public override void Write(Utf8JsonWriter writer, Verdict value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteBoolean("approved", value.Approved);
        if (value.Feedback is not null)
        {
            writer.WriteString("feedback", value.Feedback);
        }

        writer.WriteEndObject();
    }
}
