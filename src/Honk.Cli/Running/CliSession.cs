using Honk.Cli.Output;
using Honk.Delivery.Git;
using Honk.Delivery.GitHub;
using Honk.Git;
using Honk.Tools;
using Honk.Transcripts;
using Honk.Workspaces.Git;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Honk.Cli.Running;

/// <summary>
/// One <c>honk run</c>: the same <c>AddHonk().AddHonkDefaults()</c> composition every embedding app and the host use,
/// with this run's model, judge, delivery and budget, while the output shows the session's progress.
/// </summary>
internal static class CliSession
{
    /// <summary>Runs the session; <paramref name="writeResult"/> prints the result before the worktree is removed.</summary>
    public static async Task<SessionResult> RunAsync(RunRequest request, CliOutput output, Action<SessionResult> writeResult, CancellationToken cancellationToken)
    {
        // The sandbox check starts bubblewrap twice, and the workspace is git processes and file work: both run while
        // the composition below is built (mostly JIT on a cold process), not before it. The composition gets the
        // same workspace provider.
        var sandboxCheck = SandboxedCommandRunner.GetUnavailableReasonAsync();
        var workspaces = new GitWorkspaceProvider();
        var sessionId = AgentSession.CreateId();
        output.Status($"Preparing a workspace on {request.Repository}");
        var acquiring = Task.Run(() => AcquireAsync(workspaces, request, sessionId, cancellationToken), CancellationToken.None);
        ServiceProvider? provider = null;
        List<string> delivery;
        HonkAgent agent;
        try
        {
            (provider, delivery) = await ComposeAsync(request, workspaces, cancellationToken).ConfigureAwait(false);

            // Resolving the agent builds its part of the service graph: done while the workspace is still being
            // prepared, not after.
            agent = provider.GetRequiredService<HonkAgent>();
        }
        catch
        {
            await DiscardAsync(acquiring).ConfigureAwait(false);
            if (provider is not null)
            {
                await provider.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }

        GitWorkspace? workspace = null;
        try
        {
            workspace = await acquiring.ConfigureAwait(false);
            if (workspace.SourceHasUncommittedChanges && request.BaseRef is null)
            {
                output.Warning($"{workspace.Source} has uncommitted changes; the session starts from its last commit ({workspace.BaseCommit[..Math.Min(12, workspace.BaseCommit.Length)]}) and does not see them.");
            }

            if (await sandboxCheck.ConfigureAwait(false) is { } sandboxProblem && !request.AllowUnsandboxed)
            {
                throw new CliException($"Honk runs the agent's commands inside bubblewrap, which is not usable here: {sandboxProblem} Install it (apt-get install bubblewrap), or pass --unsafe-no-sandbox to run commands without isolation.");
            }

            var run = new HonkRunOptions
            {
                SessionId = sessionId,
                ModelSpec = request.Model,
                JudgeModelSpec = request.JudgeModel,
                DeliveryBranch = workspace.Branch,
                Transcript = new TranscriptOptions { Directory = request.TranscriptDirectory },
            };
            foreach (var mode in delivery)
            {
                run.Delivery.Add(mode);
            }

            var session = await agent.CreateSessionAsync(request.Task, workspace, run, cancellationToken).ConfigureAwait(false);
            await foreach (var e in session.RunStreamingAsync(cancellationToken).ConfigureAwait(false))
            {
                output.Show(e);
            }

            // The result is printed first: removing the worktree and stopping the composition are the caller's
            // wait otherwise. A process that dies before the removal leaves a worktree whose owner is gone, which
            // the next acquire of that repository removes.
            var result = await KeepWorkAsync(session.Result!, workspace, output).ConfigureAwait(false);
            writeResult(result);
            return result;
        }
        finally
        {
            await EndAsync(provider, workspace).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stops the composition (sandbox caches, MCP servers) and removes the worktree at the same time: neither needs
    /// the other. The worktree's files are deleted only as long as the user would not notice (<see cref="FolderRemoval"/>).
    /// </summary>
    private static async Task EndAsync(ServiceProvider provider, GitWorkspace? workspace)
    {
        var stopping = Task.Run(async () => await provider.DisposeAsync().ConfigureAwait(false), CancellationToken.None);
        if (workspace is not null && await workspace.ReleaseAsync().ConfigureAwait(false) is { } folder)
        {
            FolderRemoval.Delete(folder, FolderRemoval.InProcessWait);
        }

        await stopping.ConfigureAwait(false);
    }

    private static async Task<(ServiceProvider Provider, List<string> Delivery)> ComposeAsync(RunRequest request, GitWorkspaceProvider workspaces, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        var honk = services.AddHonk(o =>
            {
                o.Prices = request.Prices;
                o.Loop.Budget = request.Budget;
                o.ModelChosenPerSession = true;
            })
            .AddHonkDefaults(d =>
            {
                d.AllowUnsandboxed = request.AllowUnsandboxed;
                d.AllowValidatorNetwork = request.AllowNetworkForValidators;
                foreach (var program in request.AllowedPrograms ?? [])
                {
                    d.AllowedPrograms.Add(program);
                }
            })
            .WithModelFactory(new CliModelFactory());
        if (request.Traced)
        {
            honk.WithTelemetry();
        }

        if (request.McpServers.Count > 0)
        {
            honk.AddMcpServers(request.McpServers);
        }

        honk.Services.Replace(ServiceDescriptor.Singleton(workspaces));
        var delivery = await AddDeliveryAsync(honk, request, cancellationToken).ConfigureAwait(false);
        return (honk.Services.BuildServiceProvider(), delivery);
    }

    /// <summary>Removes a workspace acquired for a run that failed before its session (a bad option, no sandbox).</summary>
    private static async Task DiscardAsync(Task<GitWorkspace> acquiring)
    {
        try
        {
            await (await acquiring.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The run's own error is the one to report; a failed acquire left nothing behind.
        }
    }

    private static async Task<GitWorkspace> AcquireAsync(GitWorkspaceProvider provider, RunRequest request, string sessionId, CancellationToken cancellationToken)
    {
        try
        {
            return await provider.AcquireGitWorkspaceAsync(
                new WorkspaceRequest(request.Repository, sessionId) { BranchName = request.Branch, BaseRef = request.BaseRef, Label = TerminalText.Redact(request.Task.Title ?? request.Task.Goal) },
                cancellationToken).ConfigureAwait(false);
        }
        catch (GitException ex)
        {
            throw new CliException($"Could not prepare a workspace on '{request.Repository}': {ex.Message}");
        }
    }

    /// <summary>Configures git delivery (and the pull request) for this run; returns its git delivery modes.</summary>
    private static async Task<List<string>> AddDeliveryAsync(IHonkBuilder honk, RunRequest request, CancellationToken cancellationToken)
    {
        var gitOptions = new GitDeliveryOptions { PatchDirectory = request.PatchDirectory };
        if (request.Deliver is DeliveryMode.Push or DeliveryMode.PullRequest)
        {
            gitOptions.PushUrl = await RepositoryRemote.ResolvePushUrlAsync(request, cancellationToken).ConfigureAwait(false);
        }

        honk.AddGitDelivery(gitOptions);
        var modes = new List<string>();
        switch (request.Deliver)
        {
            case DeliveryMode.Branch:
                modes.Add("branch");
                break;
            case DeliveryMode.Patch:
                modes.Add("patch");
                break;
            case DeliveryMode.Push:
            case DeliveryMode.PullRequest:
                modes.Add("push");
                break;
        }

        if (request.AlsoPatch && !modes.Contains("patch"))
        {
            modes.Add("patch");
        }

        if (request.Deliver == DeliveryMode.PullRequest)
        {
            // A registered channel runs after the git ones, so the pull request opens once the push has landed.
            honk.WithDelivery(PullRequestChannel(request, gitOptions.PushUrl!));
        }

        return modes;
    }

    private static GitHubPullRequestChannel PullRequestChannel(RunRequest request, string pushUrl)
    {
        var token = Environment.GetEnvironmentVariable("GITHUB_TOKEN") ?? Environment.GetEnvironmentVariable("GH_TOKEN");
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new CliException("--deliver pr opens a pull request on GitHub and needs a token: set GITHUB_TOKEN (a token that may push and open pull requests on the repository).");
        }

        var (owner, repository) = request.GitHubRepository is { } named && named.Split('/') is [var o, var r]
            ? (o, r)
            : RepositoryRemote.ParseGitHub(pushUrl) ?? throw new CliException($"--deliver pr could not tell the GitHub owner and repository from the remote '{pushUrl}': set \"githubRepository\": \"owner/name\" in honk.json.");
        var apiUrl = request.GitHubApiUrl ?? Environment.GetEnvironmentVariable("GITHUB_API_URL");
        var clientOptions = new GitHubClientOptions { Token = token };
        if (!string.IsNullOrWhiteSpace(apiUrl))
        {
            clientOptions.BaseUrl = new Uri(apiUrl.EndsWith('/') ? apiUrl : apiUrl + "/");
        }

        // The client lives as long as the process: one short-lived CLI run.
        var client = new GitHubClient(new HttpClient(), clientOptions);
        return new GitHubPullRequestChannel(client, new GitHubPullRequestOptions { Owner = owner, Repository = repository });
    }

    /// <summary>
    /// Whatever the outcome, changes are committed on the session branch before the worktree goes, so nothing the
    /// model did is lost (a failed or over-budget session can be inspected and continued).
    /// </summary>
    private static async Task<SessionResult> KeepWorkAsync(SessionResult result, GitWorkspace workspace, CliOutput output)
    {
        if (result.ChangedFiles.Count == 0 || result.Commit is not null)
        {
            return result;
        }

        try
        {
            var commit = await workspace.CommitAsync($"honk: work in progress ({result.Status.ToWireName()})\n\nHonk-Session: {result.SessionId}\n", CancellationToken.None).ConfigureAwait(false);
            return result with { Commit = commit.HeadCommit, Branch = workspace.Branch };
        }
        catch (GitException ex)
        {
            output.Warning($"The changes could not be committed on {workspace.Branch}: {ex.Message}");
            return result;
        }
    }
}
