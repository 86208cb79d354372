using Honk.Cli.Output;
using Honk.Delivery.Git;
using Honk.Delivery.GitHub;
using Honk.Prompting;
using Honk.Review;
using Honk.Validators;
using Honk.Tools;
using Honk.Transcripts;
using Honk.Workspaces.Git;

namespace Honk.Cli.Running;

/// <summary>
/// Wires one <c>honk run</c>: model, workspace, sandbox, tools, validators, judges and delivery, then runs the
/// session while the output shows its progress. The path of a task stays as the architecture draws it.
/// </summary>
internal static class CliSession
{
    public static async Task<SessionResult> RunAsync(RunRequest request, CliOutput output, CancellationToken cancellationToken)
    {
        using var model = ModelFactory.Create(request.Model);
        using var judgeModel = request.JudgeModel is null ? null : ModelFactory.Create(request.JudgeModel);

        var sandboxProblem = await SandboxedCommandRunner.GetUnavailableReasonAsync().ConfigureAwait(false);
        if (sandboxProblem is not null && !request.AllowUnsandboxed)
        {
            throw new CliException($"Honk runs the agent's commands inside bubblewrap, which is not usable here: {sandboxProblem} Install it (apt-get install bubblewrap), or pass --unsafe-no-sandbox to run commands without isolation.");
        }

        var sessionId = AgentSession.CreateId();
        output.Status($"Preparing a workspace on {request.Repository}");
        var provider = new GitWorkspaceProvider(new GitWorkspaceOptions());
        var workspace = await AcquireAsync(provider, request, sessionId, cancellationToken).ConfigureAwait(false);
        await using (workspace.ConfigureAwait(false))
        {
            var sandbox = SandboxFor(request);
            var options = new AgentSessionOptions
            {
                SessionId = sessionId,
                Workspace = workspace,
                CommandRunner = new SandboxedCommandRunner(workspace.RootPath, sandbox),
                ModelId = request.Model.Provider == Models.ModelSpec.ScriptProvider ? $"script:{Path.GetFileName(request.Model.ScriptPath)}" : request.Model.Model,
                Prices = request.Prices,
                BranchName = workspace.Branch,
                Transcript = new TranscriptOptions { Directory = request.TranscriptDirectory },
            };
            options.Loop.Budget = request.Budget;
            AddTools(options, request);
            AddValidators(options, request, new BaselineCapture(provider, request, sessionId, workspace, sandbox));
            AddReview(options, judgeModel);
            await AddDeliveryAsync(options, request, cancellationToken).ConfigureAwait(false);
            var prompt = await BuildPromptAsync(request, workspace.RootPath, options, cancellationToken).ConfigureAwait(false);
            options.Instructions = prompt.SystemPrompt;
            options.TaskMessage = prompt.UserMessage;
            options.PromptVersion = prompt.TemplateVersion;
            options.PromptDigest = prompt.Digest;

            var session = new AgentSession(model, request.Task, options);
            await foreach (var e in session.RunStreamingAsync(cancellationToken).ConfigureAwait(false))
            {
                output.Show(e);
            }

            return await KeepWorkAsync(session.Result!, workspace, output).ConfigureAwait(false);
        }
    }

    private static async Task<GitWorkspace> AcquireAsync(GitWorkspaceProvider provider, RunRequest request, string sessionId, CancellationToken cancellationToken)
    {
        try
        {
            return await provider.AcquireGitWorkspaceAsync(
                new WorkspaceRequest(request.Repository, sessionId) { BranchName = request.Branch, Label = request.Task.Title ?? request.Task.Goal },
                cancellationToken).ConfigureAwait(false);
        }
        catch (GitException ex)
        {
            throw new CliException($"Could not open the repository '{request.Repository}': {ex.Message}");
        }
    }

    private static void AddTools(AgentSessionOptions options, RunRequest request)
    {
        var toolOptions = new BuiltInToolsOptions();
        if (request.AllowedPrograms is { Count: > 0 } programs)
        {
            toolOptions.RunCommand.AllowedPrograms.Clear();
            toolOptions.RunCommand.AllowedPrograms.UnionWith(programs);
        }

        foreach (var tool in BuiltInTools.Create(toolOptions))
        {
            options.Tools.Add(tool);
        }

        options.Tools.Add(new ReportNotApplicableTool());
    }

    /// <summary>
    /// The sandbox hides the host's home folder; toolchains keep their caches there, so those few folders are made
    /// readable (writable only when validators may restore packages).
    /// </summary>
    private static SandboxOptions SandboxFor(RunRequest request)
    {
        var sandbox = new SandboxOptions { AllowUnsandboxed = request.AllowUnsandboxed };
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        foreach (var cache in new[] { Path.Combine(home, ".nuget", "packages"), "/opt/nuget/packages", Path.Combine(home, ".cargo"), Path.Combine(home, ".rustup"), Path.Combine(home, ".m2"), Path.Combine(home, "go", "pkg", "mod") })
        {
            if (Directory.Exists(cache))
            {
                (request.AllowNetworkForValidators ? sandbox.ReadWritePaths : sandbox.ReadOnlyPaths).Add(cache);
            }
        }

        var nuget = Path.Combine(home, ".nuget", "packages");
        if (Directory.Exists(nuget))
        {
            sandbox.Environment["NUGET_PACKAGES"] = nuget;
        }

        if (Directory.Exists(Path.Combine(home, ".rustup")))
        {
            sandbox.Environment["RUSTUP_HOME"] = Path.Combine(home, ".rustup");
            sandbox.Environment["CARGO_HOME"] = Path.Combine(home, ".cargo");
        }

        return sandbox;
    }

    private static void AddValidators(AgentSessionOptions options, RunRequest request, BaselineCapture baseline)
    {
        var validatorOptions = new BuiltInValidatorsOptions();
        validatorOptions.Dotnet.AllowNetwork = request.AllowNetworkForValidators;
        validatorOptions.Node.AllowNetwork = request.AllowNetworkForValidators;
        foreach (var validator in baseline.Wrap(BuiltInValidators.Create(validatorOptions)))
        {
            options.Validators.Add(validator);
        }
    }

    /// <summary>Deterministic guards first (cheap, certain), then the LLM judge when there is one.</summary>
    private static void AddReview(AgentSessionOptions options, Microsoft.Extensions.AI.IChatClient? judgeModel)
    {
        options.Judges.Add(new TestIntegrityGuard());
        options.Judges.Add(new ScopeGuard());
        if (judgeModel is not null)
        {
            options.Judges.Add(new LlmJudge(judgeModel));
        }
    }

    private static async Task AddDeliveryAsync(AgentSessionOptions options, RunRequest request, CancellationToken cancellationToken)
    {
        var gitOptions = new GitDeliveryOptions { PatchDirectory = request.PatchDirectory };
        if (request.Deliver is DeliveryMode.Push or DeliveryMode.PullRequest)
        {
            gitOptions.PushUrl = await RepositoryRemote.ResolvePushUrlAsync(request, cancellationToken).ConfigureAwait(false);
        }

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

        foreach (var channel in modes.SelectMany(mode => GitDeliveryChannels.Create(mode, gitOptions)))
        {
            options.DeliveryChannels.Add(channel);
        }

        if (request.Deliver == DeliveryMode.PullRequest)
        {
            options.DeliveryChannels.Add(PullRequestChannel(request, gitOptions.PushUrl!));
        }
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

    private static async Task<AssembledPrompt> BuildPromptAsync(RunRequest request, string root, AgentSessionOptions options, CancellationToken cancellationToken)
    {
        var builder = new PromptBuilder();
        return await builder.BuildAsync(new PromptRequest(request.Task) { RepositoryRoot = root, Tools = [.. options.Tools], Validators = [.. options.Validators.Select(v => v.Name)] }, cancellationToken).ConfigureAwait(false);
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
