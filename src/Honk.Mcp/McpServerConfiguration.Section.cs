using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Honk.Mcp;

/// <content>The same definitions from a host's <see cref="IConfiguration"/> (appsettings.json, environment variables, …).</content>
public static partial class McpServerConfiguration
{
    /// <summary>
    /// Reads the definitions from a configuration section shaped like honk.json's <c>"mcpServers"</c> object, e.g. the
    /// section <c>Honk:McpServers</c> of <c>{ "Honk": { "McpServers": { "docs": { "command": "docs-mcp", "args": ["--root",
    /// "/srv"] } } } }</c>. Keys are matched without regard to case, as configuration keys are; <c>args</c> is a list
    /// (<c>args:0</c>, <c>args:1</c>, … in environment variables: <c>Honk__McpServers__docs__args__0</c>).
    /// </summary>
    /// <param name="mcpServers">The section holding one child per server; a missing or empty section gives none.</param>
    /// <returns>The definitions, in the section's order.</returns>
    /// <exception cref="FormatException">A definition is malformed or unusable; the message names the configuration key and says why.</exception>
    public static IReadOnlyList<McpServerDefinition> Read(IConfiguration mcpServers)
    {
        ArgumentNullException.ThrowIfNull(mcpServers);
        var definitions = new List<McpServerDefinition>();
        foreach (var server in mcpServers.GetChildren())
        {
            var definition = ReadOne(server);
            if (definition.Problems() is { Count: > 0 } problems)
            {
                throw new FormatException($"{server.Path}: {string.Join(" ", problems)}");
            }

            definitions.Add(definition);
        }

        return definitions;
    }

    private static McpServerDefinition ReadOne(IConfigurationSection server)
    {
        if (server.Value is not null)
        {
            throw new FormatException($"{server.Path} must be a section with \"command\" (and \"args\", \"env\", \"cwd\") or \"url\", not a value.");
        }

        foreach (var key in server.GetChildren())
        {
            if (!Keys.Contains(key.Key.ToLowerInvariant()))
            {
                throw new FormatException($"{key.Path} is an unknown key: use command, args, env, cwd or url.");
            }
        }

        Uri? url = null;
        if (Value(server, "url") is { } text)
        {
            url = Uri.TryCreate(text, UriKind.Absolute, out var parsed)
                ? parsed
                : throw new FormatException($"{server.Path}:url is not an absolute URL: '{text}'.");
        }

        return new McpServerDefinition
        {
            Name = server.Key,
            Command = Value(server, "command"),
            Arguments = List(server.GetSection("args")),
            Environment = server.GetSection("env").GetChildren().ToDictionary(
                e => e.Key,
                e => e.Value ?? throw new FormatException($"{e.Path} must be a string."),
                StringComparer.Ordinal),
            WorkingDirectory = Value(server, "cwd"),
            Url = url,
        };
    }

    private static string? Value(IConfigurationSection server, string key)
    {
        var section = server.GetSection(key);
        return section.Value is { Length: > 0 } value ? value
            : section.GetChildren().Any() ? throw new FormatException($"{section.Path} must be a string.")
            : null;
    }

    // A list in configuration is a section whose children are named 0, 1, 2…; a single value is a list of one.
    private static List<string> List(IConfigurationSection section)
    {
        if (section.Value is { } single)
        {
            return [single];
        }

        var items = new List<(int Index, string Value)>();
        foreach (var child in section.GetChildren())
        {
            items.Add((
                int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index
                    : throw new FormatException($"{child.Path}: {section.Path} must be a list of strings."),
                child.Value ?? throw new FormatException($"{child.Path} must be a string.")));
        }

        return [.. items.OrderBy(i => i.Index).Select(i => i.Value)];
    }
}
