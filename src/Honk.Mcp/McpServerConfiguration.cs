using System.Text.Json;

namespace Honk.Mcp;

/// <summary>
/// Reads MCP server definitions from the <c>"mcpServers"</c> object of a <c>honk.json</c>, in the shape most MCP clients
/// use: <c>{ "name": { "command": "...", "args": [...], "env": { ... }, "cwd": "..." } }</c> for a program speaking MCP on
/// stdio, <c>{ "name": { "url": "https://..." } }</c> for an HTTP endpoint.
/// </summary>
public static partial class McpServerConfiguration
{
    private static readonly HashSet<string> Keys = new(StringComparer.Ordinal) { "command", "args", "env", "cwd", "url", "type" };

    /// <summary>Reads the definitions.</summary>
    /// <param name="mcpServers">The <c>"mcpServers"</c> value.</param>
    /// <returns>The definitions, in file order.</returns>
    /// <exception cref="FormatException">The value is malformed or a definition is unusable; the message says where and why.</exception>
    public static IReadOnlyList<McpServerDefinition> Read(JsonElement mcpServers)
    {
        if (mcpServers.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("\"mcpServers\" must be an object: { \"name\": { \"command\": \"...\", \"args\": [...] } } or { \"name\": { \"url\": \"https://...\" } }.");
        }

        var definitions = new List<McpServerDefinition>();
        foreach (var server in mcpServers.EnumerateObject())
        {
            var definition = ReadOne(server.Name, server.Value);
            if (definition.Problems() is { Count: > 0 } problems)
            {
                throw new FormatException(string.Join(" ", problems));
            }

            definitions.Add(definition);
        }

        return definitions;
    }

    private static McpServerDefinition ReadOne(string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"\"mcpServers\".\"{name}\" must be an object with \"command\" (and \"args\", \"env\", \"cwd\") or \"url\".");
        }

        foreach (var property in value.EnumerateObject())
        {
            if (!Keys.Contains(property.Name))
            {
                throw new FormatException($"\"mcpServers\".\"{name}\" has an unknown key \"{property.Name}\": use command, args, env, cwd or url.");
            }
        }

        Uri? url = null;
        if (String(value, name, "url") is { } text)
        {
            url = Uri.TryCreate(text, UriKind.Absolute, out var parsed)
                ? parsed
                : throw new FormatException($"\"mcpServers\".\"{name}\".\"url\" is not an absolute URL: '{text}'.");
        }

        return new McpServerDefinition
        {
            Name = name,
            Command = String(value, name, "command"),
            Arguments = Strings(value, name, "args"),
            Environment = Map(value, name, "env"),
            WorkingDirectory = String(value, name, "cwd"),
            Url = url,
        };
    }

    private static string? String(JsonElement value, string name, string key)
        => !value.TryGetProperty(key, out var property) || property.ValueKind == JsonValueKind.Null ? null
            : property.ValueKind == JsonValueKind.String ? property.GetString()
            : throw new FormatException($"\"mcpServers\".\"{name}\".\"{key}\" must be a string.");

    private static List<string> Strings(JsonElement value, string name, string key)
    {
        if (!value.TryGetProperty(key, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        return property.ValueKind == JsonValueKind.Array && property.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String)
            ? [.. property.EnumerateArray().Select(e => e.GetString()!)]
            : throw new FormatException($"\"mcpServers\".\"{name}\".\"{key}\" must be a list of strings.");
    }

    private static Dictionary<string, string> Map(JsonElement value, string name, string key)
    {
        if (!value.TryGetProperty(key, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        return property.ValueKind == JsonValueKind.Object && property.EnumerateObject().All(p => p.Value.ValueKind == JsonValueKind.String)
            ? property.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal)
            : throw new FormatException($"\"mcpServers\".\"{name}\".\"{key}\" must be an object of strings.");
    }
}
