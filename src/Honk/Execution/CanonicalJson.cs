using System.Buffers;
using System.Collections;
using System.Text;
using System.Text.Json;

namespace Honk.Execution;

/// <summary>
/// A canonical JSON text for tool arguments (object keys sorted, no whitespace), so that two calls that differ only in
/// key order or formatting are recognised as the same call by the loop detector.
/// </summary>
internal static class CanonicalJson
{
    // Arguments are shown to people and written to transcripts: keep code readable (no \u003C for '<').
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private const int MaxRetainedBufferBytes = 16 * 1024;

    // One buffer and writer per thread, reset per call: serializing a call's arguments then allocates only the result.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _writer;

    public static string Serialize(IDictionary<string, object?>? arguments)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        var writer = _writer ??= new Utf8JsonWriter(buffer, WriterOptions);
        writer.Reset(buffer);
        WriteValue(writer, arguments);
        writer.Flush();
        var text = Encoding.UTF8.GetString(buffer.WrittenSpan);
        if (buffer.Capacity > MaxRetainedBufferBytes)
        {
            // A huge argument must not pin a huge buffer to the thread for good.
            _buffer = null;
            _writer = null;
        }

        return text;
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonElement element:
                WriteElement(writer, element);
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case IDictionary<string, object?> dictionary:
                writer.WriteStartObject();
                var keys = new string[dictionary.Count];
                dictionary.Keys.CopyTo(keys, 0);
                Array.Sort(keys, StringComparer.Ordinal);
                foreach (var key in keys)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, dictionary[key]);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable sequence:
                writer.WriteStartArray();
                foreach (var item in sequence)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                WriteElement(writer, JsonSerializer.SerializeToElement(value, value.GetType(), JsonSerializerOptions.Default));
                break;
        }
    }

    private static void WriteElement(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    WriteElement(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteElement(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
