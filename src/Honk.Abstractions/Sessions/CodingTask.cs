using System.Security.Cryptography;
using System.Text;

namespace Honk;

/// <summary>
/// What a session is asked to do. <see cref="Goal"/> describes the end state; everything else is optional guidance
/// that the prompt builder, the guards and the judge use.
/// </summary>
public sealed record CodingTask
{
    /// <summary>Creates a task with the given goal.</summary>
    /// <param name="goal">The end state the repository should reach, in plain language.</param>
    /// <exception cref="ArgumentException"><paramref name="goal"/> is empty or whitespace.</exception>
    public CodingTask(string goal)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(goal);
        Goal = goal;
    }

    /// <summary>The end state the repository should reach.</summary>
    public string Goal { get; }

    /// <summary>A short title, used for branch names and commit subjects when present.</summary>
    public string? Title { get; init; }

    /// <summary>Conditions under which the agent must not act and should report "not applicable" instead.</summary>
    public IReadOnlyList<string> Preconditions { get; init; } = [];

    /// <summary>A few concrete examples of the wanted change.</summary>
    public IReadOnlyList<string> Examples { get; init; } = [];

    /// <summary>A testable statement of when the task is done.</summary>
    public string? DefinitionOfDone { get; init; }

    /// <summary>Glob patterns (relative to the repository root) the change may touch. Empty means anywhere.</summary>
    public IReadOnlyList<string> AllowedPaths { get; init; } = [];

    /// <summary>Limits for this task; combined with the host's limits (the tighter one wins).</summary>
    public Budget? Budget { get; init; }

    /// <summary>
    /// How failures already present on the untouched base are treated: <see cref="Honk.PreExistingFailures.Auto"/>
    /// (tolerated unless they are the session's business), <see cref="Honk.PreExistingFailures.Strict"/> (all block) or
    /// <see cref="Honk.PreExistingFailures.Tolerant"/> (all tolerated).
    /// </summary>
    public PreExistingFailures PreExistingFailures { get; init; }

    /// <summary>
    /// The names of the host's configured MCP servers whose tools this task may use; <see langword="null"/> for every
    /// configured server, empty for none. A task only chooses among servers the host's operator configured: it can never
    /// define one (that would start a program on the host).
    /// </summary>
    public IReadOnlyList<string>? McpServers { get; init; }

    /// <summary>
    /// When true the session first proposes a plan (reading only) and waits for a person to approve it before it may
    /// edit anything; task-file key <c>plan_approval: true</c>.
    /// </summary>
    public bool RequirePlanApproval { get; init; }

    /// <summary>Who asked (a Slack user id, a GitHub login, an e-mail address), when known.</summary>
    public string? Requester { get; init; }

    /// <summary>
    /// A stable digest of the task's content (SHA-256, first 16 hex characters), recorded in transcripts and commit
    /// trailers so an outcome can be traced to the exact request.
    /// </summary>
    /// <returns>16 lower-case hex characters.</returns>
    public string ComputeDigest()
    {
        var text = new StringBuilder()
            .Append("goal\n").Append(Goal).Append('\n')
            .Append("title\n").Append(Title).Append('\n')
            .Append("preconditions\n").AppendJoin('\n', Preconditions).Append('\n')
            .Append("examples\n").AppendJoin('\n', Examples).Append('\n')
            .Append("done\n").Append(DefinitionOfDone).Append('\n')
            .Append("paths\n").AppendJoin('\n', AllowedPaths)
            .Append(PreExistingFailures == PreExistingFailures.Auto ? "" : "\npre-existing\n" + PreExistingFailures)
            .Append(McpServers is null ? "" : "\nmcp\n" + string.Join('\n', McpServers))
            .Append(RequirePlanApproval ? "\nplan approval" : "")
            .ToString();
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Convert.ToHexStringLower(hash)[..16];
    }
}
