using Honk.Prompting;
using Honk.Review;
using Honk.Tools;
using Honk.Validators;
using Microsoft.Extensions.AI;

namespace Honk.Hosting;

/// <summary>
/// The standard pieces of a session, shared by <c>honk run</c> and the host so both wire a task the same way:
/// the sandbox (with the toolchain caches it needs), the built-in tools, the validators with a baseline, the guards
/// and judge, and the assembled prompt.
/// </summary>
public static class StandardSession
{
    /// <summary>
    /// A sandbox for tools and validators: the host's toolchains and caches read-only, a per-session writable cache for
    /// restores (see <see cref="SandboxDefaults"/>). Validators' restores run with the network but see only manifests.
    /// </summary>
    /// <param name="allowUnsandboxed">Run without bubblewrap when it is unavailable (dangerous).</param>
    /// <param name="allowValidatorNetwork">Whether validators may restore packages (the caches stay read-only either way).</param>
    /// <returns>The sandbox options.</returns>
    public static SandboxOptions Sandbox(bool allowUnsandboxed, bool allowValidatorNetwork) => SandboxDefaults.Create(allowUnsandboxed);

    /// <summary>Adds the built-in tools and <c>report_not_applicable</c>.</summary>
    /// <param name="options">The session's options.</param>
    /// <param name="allowedPrograms">Programs <c>run_command</c> may run; the default allow-list when <see langword="null"/> or empty.</param>
    public static void AddTools(AgentSessionOptions options, IReadOnlyCollection<string>? allowedPrograms = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var toolOptions = new BuiltInToolsOptions();
        if (allowedPrograms is { Count: > 0 })
        {
            toolOptions.RunCommand.AllowedPrograms.Clear();
            toolOptions.RunCommand.AllowedPrograms.UnionWith(allowedPrograms);
        }

        foreach (var tool in BuiltInTools.Create(toolOptions))
        {
            options.Tools.Add(tool);
        }

        options.Tools.Add(new ReportNotApplicableTool());
    }

    /// <summary>Adds the repository-activated validators, each compared with the base on its first failure.</summary>
    /// <param name="options">The session's options.</param>
    /// <param name="baseline">The shared baseline capture; without one, every failure blocks.</param>
    /// <param name="allowNetwork">Whether validators may restore packages.</param>
    public static void AddValidators(AgentSessionOptions options, BaselineCapture? baseline, bool allowNetwork)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validatorOptions = new BuiltInValidatorsOptions();
        validatorOptions.Dotnet.AllowNetwork = allowNetwork;
        validatorOptions.Node.AllowNetwork = allowNetwork;
        var validators = BuiltInValidators.Create(validatorOptions);
        foreach (var validator in baseline is null ? validators : baseline.Wrap(validators))
        {
            options.Validators.Add(validator);
        }
    }

    /// <summary>Adds the deterministic guards (cheap, certain) and then, when there is a judge model, the LLM judge.</summary>
    /// <param name="options">The session's options.</param>
    /// <param name="judgeModel">The judge's model, or <see langword="null"/> for guards only.</param>
    public static void AddReview(AgentSessionOptions options, IChatClient? judgeModel)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Judges.Add(new TestIntegrityGuard());
        options.Judges.Add(new ScopeGuard());
        if (judgeModel is not null)
        {
            options.Judges.Add(new LlmJudge(judgeModel));
        }
    }

    /// <summary>Assembles the prompt from the repository and the session's tools and validators, and applies it.</summary>
    /// <param name="options">The session's options (tools and validators already added).</param>
    /// <param name="task">The task.</param>
    /// <param name="workspaceRoot">The workspace to read repository facts from.</param>
    /// <param name="cancellationToken">Cancels the scan.</param>
    /// <returns>The assembled prompt.</returns>
    public static async Task<AssembledPrompt> ApplyPromptAsync(AgentSessionOptions options, CodingTask task, string workspaceRoot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var prompt = await new PromptBuilder().BuildAsync(
            new PromptRequest(task) { RepositoryRoot = workspaceRoot, Tools = [.. options.Tools], Validators = [.. options.Validators.Select(v => v.Name)] },
            cancellationToken).ConfigureAwait(false);
        options.Instructions = prompt.SystemPrompt;
        options.TaskMessage = prompt.UserMessage;
        options.PromptVersion = prompt.TemplateVersion;
        options.PromptDigest = prompt.Digest;
        return prompt;
    }
}
