using Honk.Tools;
using Honk.Workspaces.Git;
using Microsoft.Extensions.DependencyInjection;

namespace Honk.Hosting;

/// <summary>
/// Compares each session's validator failures with the untouched base (<see cref="BaselineCapture"/>), so failures
/// that were already there do not block the gate. Runs after every validator is added, the app's own included.
/// Only git workspaces have a base to compare with; other sessions are left as they are.
/// </summary>
internal sealed class BaselineContributor : ISessionContributor
{
    public int Order => SessionContributorOrder.Wrap;

    public ValueTask ContributeAsync(SessionSetup setup, CancellationToken cancellationToken = default)
    {
        if (setup.Workspace is not GitWorkspace workspace
            || setup.Services.GetService<GitWorkspaceProvider>() is not { } provider
            || setup.Options.Validators.Count == 0)
        {
            return ValueTask.CompletedTask;
        }

        var sandbox = setup.Services.GetService<SandboxOptions>() ?? new SandboxOptions();
        var baseline = new BaselineCapture(provider, workspace.Source, setup.Task, setup.SessionId, workspace, sandbox);
        var wrapped = baseline.Wrap([.. setup.Options.Validators]).ToList();
        setup.Options.Validators.Clear();
        foreach (var validator in wrapped)
        {
            setup.Options.Validators.Add(validator);
        }

        return ValueTask.CompletedTask;
    }
}
