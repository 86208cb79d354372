using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Honk.Execution;

/// <summary>
/// Checks a call's arguments against the tool's JSON schema before the tool runs: missing, unknown and wrongly typed
/// arguments become one readable message (with the tool's usage line) that the model can act on, instead of an
/// exception somewhere inside the tool.
/// </summary>
internal static class ToolArgumentValidator
{
    /// <summary>Returns <see langword="null"/> when the arguments fit the schema, else a message for the model.</summary>
    public static string? Validate(AIFunctionDeclaration tool, IDictionary<string, object?> arguments)
    {
        var schema = tool.JsonSchema;
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            // A tool without a declared schema takes whatever it is given.
            return null;
        }

        var problems = new List<string>();
        if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in required.EnumerateArray())
            {
                var key = name.GetString();
                if (key is not null && (!arguments.TryGetValue(key, out var value) || IsJsonNull(value)))
                {
                    problems.Add($"missing required argument '{key}' ({TypeName(properties, key)})");
                }
            }
        }

        foreach (var (key, value) in arguments)
        {
            if (!properties.TryGetProperty(key, out var propertySchema))
            {
                problems.Add($"unknown argument '{key}'");
                continue;
            }

            var typeProblem = CheckType(key, propertySchema, value);
            if (typeProblem is not null)
            {
                problems.Add(typeProblem);
            }
        }

        return problems.Count == 0
            ? null
            : $"Invalid arguments for tool '{tool.Name}': {string.Join("; ", problems)}. Usage: {Usage(tool.Name, schema)}";
    }

    /// <summary>A one-line usage text such as <c>read_file(path: string, offset?: integer)</c>.</summary>
    public static string Usage(string name, JsonElement schema)
    {
        var text = new StringBuilder(name).Append('(');
        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            var required = schema.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
                ? r.EnumerateArray().Select(e => e.GetString()).ToHashSet(StringComparer.Ordinal)
                : [];
            var first = true;
            foreach (var property in properties.EnumerateObject())
            {
                text.Append(first ? string.Empty : ", ").Append(property.Name).Append(required.Contains(property.Name) ? ": " : "?: ").Append(TypeName(properties, property.Name));
                first = false;
            }
        }

        return text.Append(')').ToString();
    }

    private static string? CheckType(string key, JsonElement propertySchema, object? value)
    {
        var allowed = AllowedTypes(propertySchema);
        if (allowed.Count == 0)
        {
            return null;
        }

        var actual = KindOf(value);

        // An explicit null for an optional argument means "not given"; a missing required one is reported above.
        var fits = actual == "null" || allowed.Contains(actual) || (actual == "integer" && allowed.Contains("number"));
        if (!fits)
        {
            return $"argument '{key}' must be {string.Join(" or ", allowed)}, got {actual} {Preview(value)}";
        }

        if (propertySchema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array && value is not null)
        {
            var text = value is JsonElement { ValueKind: JsonValueKind.String } e ? e.GetString() : Convert.ToString(value, CultureInfo.InvariantCulture);
            var options = values.EnumerateArray().Select(v => v.ToString()).ToList();
            if (!options.Contains(text ?? string.Empty, StringComparer.Ordinal))
            {
                return $"argument '{key}' must be one of {string.Join(", ", options)}, got {Preview(value)}";
            }
        }

        return null;
    }

    private static List<string> AllowedTypes(JsonElement propertySchema)
    {
        if (propertySchema.ValueKind != JsonValueKind.Object || !propertySchema.TryGetProperty("type", out var type))
        {
            return [];
        }

        return type.ValueKind switch
        {
            JsonValueKind.String => [type.GetString()!],
            JsonValueKind.Array => type.EnumerateArray().Select(t => t.GetString()!).ToList(),
            _ => [],
        };
    }

    private static string TypeName(JsonElement properties, string key)
        => properties.TryGetProperty(key, out var p) && AllowedTypes(p) is { Count: > 0 } types ? string.Join("|", types) : "any";

    private static bool IsJsonNull(object? value) => value is null or JsonElement { ValueKind: JsonValueKind.Null };

    private static string KindOf(object? value) => value switch
    {
        null => "null",
        JsonElement e => e.ValueKind switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => e.TryGetInt64(out _) ? "integer" : "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Array => "array",
            JsonValueKind.Object => "object",
            _ => "null",
        },
        string => "string",
        bool => "boolean",
        byte or sbyte or short or ushort or int or uint or long or ulong => "integer",
        float or double or decimal => "number",
        IDictionary => "object",
        IEnumerable => "array",
        _ => "object",
    };

    private static string Preview(object? value)
    {
        var text = value switch
        {
            null => "null",
            JsonElement e => e.GetRawText(),
            string s => JsonSerializer.Serialize(s),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
        };
        return text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
    }
}
