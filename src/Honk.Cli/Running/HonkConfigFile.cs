using System.Text.Json;
using System.Text.Json.Serialization;
using Honk.Tasks;

namespace Honk.Cli.Running;

/// <summary>
/// Settings from a <c>honk.json</c> (the current folder's, or <c>--config</c>). Command-line options win over
/// environment variables, which win over the file. Unknown keys are errors, so a typo never passes silently.
/// </summary>
internal sealed record HonkConfigFile
{
    public string? Model { get; init; }

    public string? JudgeModel { get; init; }

    public bool? NoJudge { get; init; }

    public string? Deliver { get; init; }

    public int? MaxTurns { get; init; }

    public decimal? BudgetUsd { get; init; }

    public double? TimeoutMinutes { get; init; }

    public string? Transcripts { get; init; }

    public string? PatchDirectory { get; init; }

    public bool? AllowNetworkForValidators { get; init; }

    public IReadOnlyList<string>? AllowedPrograms { get; init; }

    public IReadOnlyDictionary<string, PriceSetting>? Prices { get; init; }

    public string? GitHubRepository { get; init; }

    public string? GitHubApiUrl { get; init; }

    /// <summary>The repository's validator settings: read by Honk.Validators' RepositorySettings from the repository's own honk.json, not here.</summary>
    public JsonElement? Validators { get; init; }

    /// <summary>The settings of <c>honk serve</c> (read by it, see docs/server.md); <c>honk run</c> ignores them.</summary>
    public JsonElement? Serve { get; init; }

    /// <summary>Outside MCP servers whose tools sessions may use (see docs/mcp.md); read by Honk.Mcp's McpServerConfiguration.</summary>
    public JsonElement? McpServers { get; init; }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private const int MaxCharacters = 1_000_000;

    public static HonkConfigFile Load(string? explicitPath, string currentDirectory)
    {
        var path = explicitPath ?? Path.Combine(currentDirectory, "honk.json");
        if (!File.Exists(path))
        {
            return explicitPath is null ? new HonkConfigFile() : throw new CliException($"The configuration file '{explicitPath}' does not exist.");
        }

        // At most a bounded length is read, FIFOs refused: `--config /dev/zero` ran the CLI out of memory (ADR 0039).
        string text;
        try
        {
            text = BoundedTextFile.Read(path, MaxCharacters);
        }
        catch (TaskFileException ex)
        {
            throw new CliException($"The configuration file cannot be read: {ex.Message}");
        }

        if (text.Length > MaxCharacters)
        {
            throw new CliException($"The configuration file '{path}' is longer than 1,000,000 characters; a honk.json is a few hundred.");
        }

        try
        {
            return JsonSerializer.Deserialize<HonkConfigFile>(text, Json) ?? new HonkConfigFile();
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1})" : string.Empty;
            throw new CliException($"The configuration file '{path}' is not valid{where}: {ex.Message} Valid keys: model, judgeModel, noJudge, deliver, maxTurns, budgetUsd, timeoutMinutes, transcripts, patchDirectory, allowNetworkForValidators, allowedPrograms, prices, githubRepository, githubApiUrl, validators, serve, mcpServers.");
        }
    }

    /// <summary>A price override: USD per million tokens.</summary>
    internal sealed record PriceSetting(decimal Input, decimal Output)
    {
        public decimal? CachedInput { get; init; }

        public decimal? CacheWriteInput { get; init; }
    }
}
