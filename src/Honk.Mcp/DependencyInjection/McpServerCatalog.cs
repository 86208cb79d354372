namespace Honk.Mcp;

/// <summary>The MCP servers the host's operator configured, by name; a task may choose among them.</summary>
internal sealed class McpServerCatalog
{
    private readonly Dictionary<string, McpServerDefinition> _servers = new(StringComparer.Ordinal);

    public int MaxResultCharacters { get; set; } = 30_000;

    public void Add(McpServerDefinition definition)
    {
        if (definition.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(definition));
        }

        if (!_servers.TryAdd(definition.Name, definition))
        {
            throw new ArgumentException($"Two MCP servers are named '{definition.Name}'.", nameof(definition));
        }
    }

    /// <summary>The servers of one task: every configured one when it names none, else exactly the ones it names.</summary>
    /// <exception cref="InvalidOperationException">The task names a server that is not configured.</exception>
    public IReadOnlyList<McpServerDefinition> Choose(IReadOnlyList<string>? names)
    {
        if (names is null)
        {
            return [.. _servers.Values];
        }

        var unknown = names.Where(n => !_servers.ContainsKey(n)).ToList();
        if (unknown.Count > 0)
        {
            var known = _servers.Count == 0 ? "none is configured" : $"configured: {string.Join(", ", _servers.Keys)}";
            throw new InvalidOperationException($"The task asks for MCP server(s) {string.Join(", ", unknown.Select(n => $"'{n}'"))}, which the host does not configure ({known}; add them to honk.json \"mcpServers\").");
        }

        return [.. names.Distinct(StringComparer.Ordinal).Select(n => _servers[n])];
    }
}
