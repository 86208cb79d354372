using Honk.Delivery.Git;
using Honk.Review;
using Honk.Tools;
using Honk.Workspaces.Git;

namespace Honk.Hosting;

/// <summary>The few choices <see cref="HonkDefaultsExtensions.AddHonkDefaults"/> leaves open; the defaults are <c>honk run</c>'s.</summary>
public sealed class HonkDefaultsOptions
{
    /// <summary>Runs commands without bubblewrap when it is unusable (dangerous; a warning is recorded). Default false.</summary>
    public bool AllowUnsandboxed { get; set; }

    /// <summary>Whether validators may restore packages (network on for their restore steps only). Default true.</summary>
    public bool AllowValidatorNetwork { get; set; } = true;

    /// <summary>Programs <c>run_command</c> may run; the default allow-list when empty.</summary>
    public IList<string> AllowedPrograms { get; } = [];

    /// <summary>The sandbox; <see cref="SandboxDefaults.Create"/> with <see cref="AllowUnsandboxed"/> when <see langword="null"/>.</summary>
    public SandboxOptions? Sandbox { get; set; }

    /// <summary>Runs the repository's own checks (built-in validators) at the stop gate. Default true.</summary>
    public bool UseBuiltInValidators { get; set; } = true;

    /// <summary>Where mirrors and worktrees live.</summary>
    public GitWorkspaceOptions Workspace { get; set; } = new();

    /// <summary>How git delivery commits, pushes and writes patches.</summary>
    public GitDeliveryOptions Delivery { get; set; } = new();

    /// <summary>The LLM judge's options (it runs when a session has a judge model).</summary>
    public LlmJudgeOptions? Judge { get; set; }
}
