using YamlDotNet.RepresentationModel;

namespace Honk.Tasks;

/// <summary>The list-valued keys: allowed paths, MCP server names, and the list reading they share.</summary>
internal sealed partial class TaskFileParser
{
    // Names only: a task chooses among the MCP servers the host configured, it never defines one (a definition starts a
    // program on the host, and task files also come from remote callers).
    private List<string>? ReadMcpServers(Dictionary<string, (YamlNode Key, YamlNode Value)> fields)
    {
        if (!fields.TryGetValue(TaskFileKeys.McpServers, out var field))
        {
            return null;
        }

        if (field.Value is YamlMappingNode)
        {
            Error(field.Value, "'mcp_servers' lists the names of MCP servers configured for the host (honk.json \"mcpServers\"), e.g. [docs, tickets]; a task file cannot define a server.");
            return null;
        }

        var names = new List<string>();
        foreach (var (node, name) in Items(field.Value, TaskFileKeys.McpServers, "server name"))
        {
            if (name.Length is 0 or > 32 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                Error(node, $"MCP server name '{name}' must be 1-32 letters, digits, '_' or '-'.");
            }
            else
            {
                names.Add(name);
            }
        }

        return names;
    }

    private List<string> ReadAllowedPaths(Dictionary<string, (YamlNode Key, YamlNode Value)> fields)
    {
        var paths = new List<string>();
        if (!fields.TryGetValue(TaskFileKeys.AllowedPaths, out var field))
        {
            return paths;
        }

        foreach (var (node, raw) in Items(field.Value, TaskFileKeys.AllowedPaths, "path"))
        {
            var path = raw.Replace('\\', '/');
            path = path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path;
            if (path.StartsWith('/') || (path.Length > 1 && path[1] == ':'))
            {
                Error(node, $"Allowed path '{raw}' must be relative to the repository root.");
            }
            else if (path.Split('/').Contains(".."))
            {
                Error(node, $"Allowed path '{raw}' must not contain '..'.");
            }
            else
            {
                paths.Add(path);
            }
        }

        return paths;
    }

    private List<string> List(Dictionary<string, (YamlNode Key, YamlNode Value)> fields, string key, string itemName)
        => fields.TryGetValue(key, out var field) ? [.. Items(field.Value, key, itemName).Select(i => i.Text)] : [];

    private IEnumerable<(YamlNode Node, string Text)> Items(YamlNode node, string key, string itemName)
    {
        if (IsNull(node))
        {
            yield break;
        }

        if (node is YamlScalarNode { Value: { } single })
        {
            if (!string.IsNullOrWhiteSpace(single))
            {
                yield return (node, single.Trim());
            }

            yield break;
        }

        if (node is not YamlSequenceNode sequence)
        {
            Error(node, $"'{key}' must be a list ('- item' lines) or a single line of text.");
            yield break;
        }

        foreach (var item in sequence.Children)
        {
            if (item is YamlScalarNode { Value: { } text } && !string.IsNullOrWhiteSpace(text))
            {
                yield return (item, text.Trim());
            }
            else if (item is YamlScalarNode)
            {
                Error(item, $"An empty {itemName} in '{key}'; remove the line or write it out.");
            }
            else
            {
                Error(item, $"Each {itemName} in '{key}' must be text; put it in quotes if it contains ': ' or starts with '[' or '{{'.");
            }
        }
    }
}
