using System.Text.Json;
using System.Text.Json.Serialization;

namespace Honk.Hosting;

/// <summary>Writes and reads <see cref="HostedSessionStatus"/> as its snake_case name.</summary>
public sealed class HostedSessionStatusJsonConverter : JsonConverter<HostedSessionStatus>
{
    /// <inheritdoc />
    public override HostedSessionStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => HostedSessionStatusNames.TryParse(reader.GetString(), out var status)
            ? status
            : throw new JsonException($"Unknown hosted session status '{reader.GetString()}'.");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, HostedSessionStatus value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToWireName());
    }
}
