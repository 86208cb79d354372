using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Honk.Scripting;

/// <summary>Reads and writes the fixed script format with precise errors.</summary>
internal static class ModelScriptJson
{
    // Strict on shape (unknown members, nulls where a value is required) so a typo like "toolcalls" fails loudly
    // instead of silently producing a turn without calls; lenient on syntax people write by hand. The metadata is
    // generated at compile time (ModelScriptJsonContext carries these rules).
    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmitEmptyToolCalls } },
    };

    public static ModelScript Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ScriptFormatException($"{path}: cannot read the script ({ex.Message}). {ScriptFormatException.ExpectedShape}", ex)
            {
                ScriptPath = path,
            };
        }

        return Parse(json, path);
    }

    public static ModelScript Parse(string json, string? source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ModelScript? script;
        try
        {
            script = JsonSerializer.Deserialize(json, ModelScriptJsonContext.Default.ModelScript);
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber + 1;
            var position = ex.BytePositionInLine + 1;
            var where = $"{source ?? "script"}({line},{position})";
            throw new ScriptFormatException($"{where}: {Explain(ex)} {ScriptFormatException.ExpectedShape}", ex)
            {
                ScriptPath = source,
                Line = line,
                Position = position,
                JsonPath = ex.Path,
            };
        }

        Validate(script, source);
        return script!;
    }

    public static string Serialize(ModelScript script) => JsonSerializer.Serialize(script, WriteOptions);

    private static void Validate(ModelScript? script, string? source)
    {
        if (script is null)
        {
            throw Invalid(source, "$", "the script is null.");
        }

        for (var t = 0; t < script.Turns.Count; t++)
        {
            var turn = script.Turns[t];
            if (turn is null)
            {
                throw Invalid(source, $"$.turns[{t}]", "a turn is null.");
            }

            if (turn.DelayMs is < 0)
            {
                throw Invalid(source, $"$.turns[{t}].delayMs", "delayMs must not be negative.");
            }

            if (turn.Usage is { InputTokens: < 0 } or { OutputTokens: < 0 })
            {
                throw Invalid(source, $"$.turns[{t}].usage", "token counts must not be negative.");
            }

            for (var c = 0; c < turn.ToolCalls.Count; c++)
            {
                if (turn.ToolCalls[c] is null || string.IsNullOrWhiteSpace(turn.ToolCalls[c].Name))
                {
                    throw Invalid(source, $"$.turns[{t}].toolCalls[{c}]", "a tool call needs a non-empty \"name\".");
                }
            }
        }
    }

    private static ScriptFormatException Invalid(string? source, string path, string problem)
        => new($"{source ?? "script"} at {path}: {problem} {ScriptFormatException.ExpectedShape}")
        {
            ScriptPath = source,
            JsonPath = path,
        };

    private static string Explain(JsonException ex)
    {
        // The serializer's own messages name CLR types; rephrase the common cases in the script's terms.
        var message = ex.Message;
        var path = ex.Path ?? "$";
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            var start = message.IndexOf('\'', StringComparison.Ordinal);
            var end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
            var name = start >= 0 && end > start ? message[(start + 1)..end] : "?";
            return $"unknown property '{name}' at {path} (names are case-sensitive: turns; text, toolCalls, usage, delayMs; name, arguments; inputTokens, outputTokens).";
        }

        if (message.Contains("missing required properties", StringComparison.Ordinal))
        {
            return $"a required property is missing at {path} ({FirstSentence(message)}).";
        }

        if (ex.InnerException is null && message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            return $"wrong kind of value at {path}.";
        }

        return $"{FirstSentence(message)} (at {path}).";
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).TrimEnd('.');
    }

    private static void OmitEmptyToolCalls(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type != typeof(ScriptTurn))
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.Name == "toolCalls")
            {
                property.ShouldSerialize = static (_, value) => value is IReadOnlyList<ScriptToolCall> { Count: > 0 };
            }
        }
    }
}
