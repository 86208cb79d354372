namespace Honk.Mcp;

/// <summary>
/// An MCP server whose tools a session may use: a program started over stdio (<see cref="Command"/>) or an HTTP
/// endpoint (<see cref="Url"/>). Its tools reach the model as <c>{Name}__{tool}</c>.
/// </summary>
public sealed record McpServerDefinition
{
    /// <summary>The server's name: the prefix of its tools' names (letters, digits, '_' and '-').</summary>
    public required string Name { get; init; }

    /// <summary>The program to start (stdio transport).</summary>
    public string? Command { get; init; }

    /// <summary>The program's arguments.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>
    /// The program's environment. The host's own environment is <b>not</b> passed on (beyond PATH, HOME and the
    /// like), so a server never sees the host's API keys unless they are named here.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The program's working folder; the host's when <see langword="null"/>.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The server's endpoint (Streamable HTTP, or SSE for older servers).</summary>
    public Uri? Url { get; init; }

    /// <summary>Checks the definition and says what is wrong in words a person can act on.</summary>
    /// <returns>The problems; empty when the definition is usable.</returns>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 32 || !Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            problems.Add($"MCP server name '{Name}' must be 1-32 letters, digits, '_' or '-' (it prefixes the server's tool names).");
        }

        if ((Command is null) == (Url is null))
        {
            problems.Add($"MCP server '{Name}' needs exactly one of \"command\" (a program speaking MCP on stdio) or \"url\" (an HTTP endpoint).");
        }

        if (Url is not null && Url.Scheme is not ("http" or "https"))
        {
            problems.Add($"MCP server '{Name}': the url must be http:// or https://, not '{Url.Scheme}'.");
        }

        return problems;
    }
}
