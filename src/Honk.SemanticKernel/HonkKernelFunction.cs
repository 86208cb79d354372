using System.ComponentModel;
using System.Text.Json;
using Microsoft.SemanticKernel;

namespace Honk.SemanticKernel;

/// <summary>A Honk coding session as a kernel function: "run this task on this repository", answered with the result.</summary>
public static class HonkKernelFunction
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = false };

    /// <summary>
    /// Creates the function. It runs a whole session (workspace, tools, validators, judge, delivery as the
    /// <paramref name="agent"/> is composed) and returns a JSON object: status, summary, branch, commit, changed files,
    /// validators and cost.
    /// </summary>
    /// <param name="agent">The composed agent (<c>AddHonk()…</c>).</param>
    /// <param name="options">Allowed repositories, the function's name, per-run settings.</param>
    /// <returns>The kernel function; add it to a plugin (<c>kernel.Plugins.AddFromFunctions("honk", [function])</c>).</returns>
    /// <exception cref="ArgumentException">No repository is allowed.</exception>
    public static KernelFunction Create(HonkAgent agent, HonkKernelFunctionOptions options)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Repositories.Count == 0)
        {
            throw new ArgumentException("Allow at least one repository (HonkKernelFunctionOptions.Repositories): the kernel's model must not choose an arbitrary path.", nameof(options));
        }

        var allowed = options.Repositories.ToList();
        var describe = allowed.Count == 1
            ? $"Runs a background coding session on {allowed[0]}: the agent changes the code until the repository's own builds and tests pass, then delivers the change. Returns the outcome as JSON."
            : $"Runs a background coding session on one of: {string.Join(", ", allowed)}. The agent changes the code until the repository's own builds and tests pass, then delivers the change. Returns the outcome as JSON.";

        async Task<string> RunAsync(
            [Description("What to change, as an end state: e.g. \"Total returns 0 for an empty cart\".")] string task,
            [Description("The repository to change; may be left out when only one is allowed.")] string? repository = null,
            CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrWhiteSpace(task))
            {
                throw new ArgumentException("The task is empty: say what to change.", nameof(task));
            }

            var chosen = repository is null && allowed.Count == 1 ? allowed[0] : repository;
            if (chosen is null || !allowed.Contains(chosen, StringComparer.Ordinal))
            {
                throw new ArgumentException($"Repository '{chosen}' is not allowed; choose one of: {string.Join(", ", allowed)}.", nameof(repository));
            }

            var run = options.Run?.Invoke() ?? new HonkRunOptions();
            var result = await agent.RunAsync(new CodingTask(task), chosen, run, cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Serialize(
                new
                {
                    status = result.Status.ToString(),
                    summary = result.Summary,
                    message = result.Message,
                    branch = result.Branch,
                    commit = result.Commit,
                    changedFiles = result.ChangedFiles,
                    validators = result.Validators.Select(v => new { name = v.Name, passed = v.Passed, summary = v.Summary }),
                    costUsd = result.Usage.CostUsd,
                },
                Json);
        }

        return KernelFunctionFactory.CreateFromMethod(RunAsync, options.FunctionName, describe);
    }
}
