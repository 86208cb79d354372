using System.Globalization;
using Honk.Models;

namespace Honk.Cli.Running;

/// <summary>Everything <c>honk run</c> was asked, checked and resolved (options, then environment, then honk.json).</summary>
internal sealed record RunRequest
{
    public required string Repository { get; init; }

    public required bool RepositoryIsLocal { get; init; }

    public required CodingTask Task { get; init; }

    public required ModelSpec Model { get; init; }

    public ModelSpec? JudgeModel { get; init; }

    public required DeliveryMode Deliver { get; init; }

    /// <summary>Also write a patch file besides <see cref="Deliver"/> (the demo shows both).</summary>
    public bool AlsoPatch { get; init; }

    public string? Branch { get; init; }

    /// <summary>The branch, tag or commit the session starts from; null for the repository's default branch (HEAD).</summary>
    public string? BaseRef { get; init; }

    public required Budget Budget { get; init; }

    public required string TranscriptDirectory { get; init; }

    public required string PatchDirectory { get; init; }

    public bool AllowUnsandboxed { get; init; }

    /// <summary>Whether <c>--otel</c> asked for the session's spans and metrics.</summary>
    public bool Traced { get; init; }

    public bool AllowNetworkForValidators { get; init; }

    public IReadOnlyList<string>? AllowedPrograms { get; init; }

    public ModelPriceTable Prices { get; init; } = ModelPriceTable.Default;

    /// <summary>"owner/name" for pull requests, when the remote URL does not say it.</summary>
    public string? GitHubRepository { get; init; }

    /// <summary>The GitHub API base URL (GitHub Enterprise: https://host/api/v3).</summary>
    public string? GitHubApiUrl { get; init; }

    public static DeliveryMode ParseDelivery(string text) => text.Trim().ToLowerInvariant() switch
    {
        "none" => DeliveryMode.None,
        "branch" => DeliveryMode.Branch,
        "patch" => DeliveryMode.Patch,
        "push" => DeliveryMode.Push,
        "pr" => DeliveryMode.PullRequest,
        _ => throw new CliException($"Unknown delivery '{text}': use none, branch, patch, push or pr."),
    };

    public static ModelSpec ParseModel(string text, string what)
    {
        try
        {
            return ModelSpec.Parse(text);
        }
        catch (FormatException ex)
        {
            throw new CliException($"The {what} '{text}' is not valid: {ex.Message}");
        }
    }

    /// <summary>A local path (existing folder) or something that looks like a git URL; anything else is a clear error.</summary>
    public static (string Repository, bool IsLocal) ResolveRepository(string text, string currentDirectory)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new CliException("--repo is empty: give a local path or a git URL.");
        }

        if (LooksLikeUrl(text))
        {
            return (text, false);
        }

        var full = Path.GetFullPath(text, currentDirectory);
        if (File.Exists(full))
        {
            throw new CliException($"The repository '{text}' is a file, not a folder: give the path of a git repository or a git URL.");
        }

        if (!Directory.Exists(full))
        {
            throw new CliException($"The repository '{text}' does not exist (looked for the folder {full}). Give the path of a git repository or a git URL.");
        }

        return (full, true);
    }

    public static string DefaultStateDirectory(string name)
    {
        var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        var root = string.IsNullOrWhiteSpace(state)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state")
            : state;
        return Path.Combine(root, "honk", name);
    }

    public static string Format(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static bool LooksLikeUrl(string text)
        => text.Contains("://", StringComparison.Ordinal)
            || (text.Contains('@', StringComparison.Ordinal) && text.Contains(':', StringComparison.Ordinal) && !Directory.Exists(text));

    /// <summary>Outside MCP servers whose tools the session may use (honk.json "mcpServers").</summary>
    public IReadOnlyList<Mcp.McpServerDefinition> McpServers { get; init; } = [];
}
