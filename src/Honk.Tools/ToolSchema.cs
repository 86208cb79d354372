using System.Text.Json;

namespace Honk.Tools;

/// <summary>Builds the JSON schema of a tool's arguments.</summary>
public static class ToolSchema
{
    /// <summary>
    /// Builds an object schema: <c>type: object</c>, one property per parameter with its description, the required
    /// ones listed, and <c>additionalProperties: false</c> so a model learns that unknown arguments are refused.
    /// </summary>
    /// <param name="parameters">The arguments.</param>
    /// <returns>The schema.</returns>
    public static JsonElement Object(params IReadOnlyList<ToolParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "object");
            writer.WriteStartObject("properties");
            foreach (var parameter in parameters)
            {
                writer.WriteStartObject(parameter.Name);
                writer.WriteString("type", parameter.Type);
                writer.WriteString("description", parameter.Description);
                if (parameter.Minimum is { } minimum)
                {
                    writer.WriteNumber("minimum", minimum);
                }

                if (parameter.Type == "array")
                {
                    writer.WriteStartObject("items");
                    writer.WriteString("type", parameter.ItemType);
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteStartArray("required");
            foreach (var parameter in parameters.Where(p => p.Required))
            {
                writer.WriteStringValue(parameter.Name);
            }

            writer.WriteEndArray();
            writer.WriteBoolean("additionalProperties", false);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }
}
