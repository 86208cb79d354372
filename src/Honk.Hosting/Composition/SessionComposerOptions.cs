namespace Honk.Hosting;

/// <summary>
/// The host runner's own settings (<see cref="SessionComposer"/>). Everything a session is made of — model
/// factories, sandbox, workspaces, tools, validators, guards, delivery, prices — comes from the container's
/// <c>AddHonk()</c> registrations.
/// </summary>
public sealed class SessionComposerOptions
{
    /// <summary>
    /// The model when a request names none (the CLI's form, e.g. <c>anthropic:claude-sonnet-4-5</c>); otherwise the
    /// container's default (<see cref="HonkOptions.Model"/> or <c>WithChatClient</c>).
    /// </summary>
    public string? DefaultModel { get; set; }

    /// <summary>
    /// The host's limits for every session, combined with each task's own (the tighter wins); the container's
    /// <see cref="HonkOptions.Loop"/> budget (configuration <c>Honk:Loop:Budget</c>) when <see langword="null"/>.
    /// </summary>
    public Budget? Budget { get; set; }

    /// <summary>Writes a JSONL transcript per session here when set (the store keeps every event regardless).</summary>
    public string? TranscriptDirectory { get; set; }

    /// <summary>Checks reality for a delivery whose outcome is unknown after a crash, by channel name. Default: <c>push</c>.</summary>
    public IDictionary<string, IDeliveryEffectVerifier> DeliveryVerifiers { get; } = new Dictionary<string, IDeliveryEffectVerifier>(StringComparer.Ordinal);

    /// <summary>Last say over each session's options (add tools, validators, judges, channels) before it runs.</summary>
    public Action<AgentSessionOptions, SessionExecution>? Configure { get; set; }
}
