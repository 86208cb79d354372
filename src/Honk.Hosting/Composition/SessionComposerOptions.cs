using Honk.Delivery.Git;
using Honk.Models;
using Honk.Tools;
using Honk.Workspaces.Git;
using Microsoft.Extensions.AI;

namespace Honk.Hosting;

/// <summary>What <see cref="SessionComposer"/> wires into every session.</summary>
public sealed class SessionComposerOptions
{
    /// <summary>The model when a request names none (the CLI's form, e.g. <c>anthropic:claude-sonnet-4-5</c>).</summary>
    public string? DefaultModel { get; set; }

    /// <summary>
    /// Creates provider models. <c>script:</c> models are built in; other providers need this (the CLI's model
    /// factories plug in here). Default: none.
    /// </summary>
    public Func<ModelSpec, IChatClient>? ChatClientFactory { get; set; }

    /// <summary>Where mirrors and worktrees live.</summary>
    public GitWorkspaceOptions Workspace { get; set; } = new();

    /// <summary>How git delivery commits, pushes and writes patches.</summary>
    public GitDeliveryOptions Delivery { get; set; } = new();

    /// <summary>Runs the agent's commands without bubblewrap when it is unusable (a warning is recorded). Default false.</summary>
    public bool AllowUnsandboxed { get; set; }

    /// <summary>The host's limits, combined with each task's own (the tighter wins). Default: <see cref="Budget.Default"/>.</summary>
    public Budget Budget { get; set; } = Budget.Default;

    /// <summary>Model prices for the cost budget.</summary>
    public ModelPriceTable Prices { get; set; } = ModelPriceTable.Default;

    /// <summary>Runs the repository's own checks (built-in validators) at the stop gate. Default true.</summary>
    public bool UseBuiltInValidators { get; set; } = true;

    /// <summary>Writes a JSONL transcript per session here when set (the store keeps every event regardless).</summary>
    public string? TranscriptDirectory { get; set; }

    /// <summary>Checks reality for a delivery whose outcome is unknown after a crash, by channel name. Default: <c>push</c>.</summary>
    public IDictionary<string, IDeliveryEffectVerifier> DeliveryVerifiers { get; } = new Dictionary<string, IDeliveryEffectVerifier>(StringComparer.Ordinal);

    /// <summary>
    /// The host's own secrets (its API keys, webhook secrets, tokens, configuration) for every session's redactor, when
    /// the composer builds its own container; a composer on an app's container uses that container's sources instead.
    /// </summary>
    public IList<Transcripts.IHostSecretSource> HostSecrets { get; } = [];

    /// <summary>Last say over each session's options (add tools, validators, judges, channels) before it runs.</summary>
    public Action<AgentSessionOptions, SessionExecution>? Configure { get; set; }

    /// <summary>
    /// The sandbox for tools and validators; by default <see cref="StandardSession.Sandbox"/> (the toolchain caches
    /// readable, writable when <see cref="AllowValidatorNetwork"/>). The composer copies it per session.
    /// </summary>
    public SandboxOptions? Sandbox { get; set; }

    /// <summary>Whether validators may restore packages (network on for their restore steps only). Default true.</summary>
    public bool AllowValidatorNetwork { get; set; } = true;
}
