using System.Text.Json;
using Honk.Delivery.Git;
using Honk.Delivery.GitHub;
using Honk.Delivery.Slack;
using Honk.Delivery.Tests.GitHub;
using Honk.Delivery.Tests.Slack;
using Honk.Scripting;
using Honk.Security.Tests;
using Honk.Testing;
using Honk.Tools;
using Honk.Transcripts;
using Honk.Workspaces.Git;

namespace Honk.Delivery.Tests.Security;

/// <summary>
/// A whole session with planted secrets in the repository, the host's environment, the task and the model's text,
/// delivered as a branch, a pull request (loopback GitHub) and a Slack message (loopback Slack): no secret in any.
/// </summary>
[Trait("Category", "Security")]
public sealed class DeliveryLeakTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _cache = new("honk-delivery-leaks");
    private readonly PlantedSecrets _secrets = PlantedSecrets.Create();
    private TemporaryGitRepository _repo = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _repo = await TemporaryGitRepository.CreateAsync(cancellationToken: Ct);
        await _repo.CommitFilesAsync(_secrets.RepositoryFiles, "app with committed secrets", Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _repo.DisposeAsync();
        _cache.Dispose();
    }

    [Fact]
    public async Task Session_DeliveredAsBranchPullRequestAndSlackMessage_LeaksNoPlantedSecret()
    {
        await using var github = new FakeGitHub();
        await using var slack = new FakeSlack();
        using var http = new HttpClient();
        var provider = new GitWorkspaceProvider(new GitWorkspaceOptions { CacheRoot = _cache.Path });
        var sessionId = AgentSession.CreateId();
        await using var workspace = await provider.AcquireGitWorkspaceAsync(new WorkspaceRequest(_repo.Path, sessionId), Ct);

        var options = new AgentSessionOptions { SessionId = sessionId, Workspace = workspace };
        foreach (var tool in BuiltInTools.Create())
        {
            options.Tools.Add(tool);
        }

        // The host's own secret reaches the session's redactor the way a host registers it.
        options.Redactor = SecretRedactor.Create(options.Redaction, workspace.RootPath, _secrets.HostEnvironment);
        options.DeliveryChannels.Add(new GitBranchDeliveryChannel());
        options.DeliveryChannels.Add(new GitHubPullRequestChannel(
            new GitHubClient(http, new GitHubClientOptions { BaseUrl = github.ApiUrl, Token = FakeGitHub.Token }),
            new GitHubPullRequestOptions { Owner = "octo", Repository = "shop" }));
        options.DeliveryChannels.Add(new SlackNotificationChannel(
            new SlackClient(http, new SlackClientOptions { BaseUrl = slack.ApiUrl, BotToken = FakeSlack.BotToken }),
            new SlackNotificationOptions { Channel = "C0SECURITY" }));
        var task = new CodingTask($"Fix the greeting's typo (the deploy token is {_secrets.GitHubToken}, the key {_secrets.AwsAccessKey}).")
        {
            Title = $"Fix the typo, key {_secrets.OpenAIKey}",
        };
        var session = new AgentSession(ScriptedChatClient.FromJson(_secrets.ModelScript()), task, options);

        var events = new List<string>();
        await foreach (var e in session.RunStreamingAsync(Ct))
        {
            events.Add(TranscriptJson.Serialize(e));
        }

        var result = session.Result!;
        Assert.True(result.Status == SessionStatus.Succeeded, $"{result.Status}: {result.Message}");
        Assert.All(result.Deliveries, d => Assert.True(d.Succeeded, $"{d.Channel}: {d.Message}"));
        var pullRequest = Assert.Single(github.Requests, r => r.Method == "POST" && r.Path.EndsWith("/pulls", StringComparison.Ordinal));
        var posted = Assert.Single(slack.Requests, r => r.Path.EndsWith("chat.postMessage", StringComparison.Ordinal));
        var commitMessage = await _repo.RunGitAsync(["log", "-1", "--format=%B", result.Deliveries[0].Branch!], Ct);

        var leaks = new List<string>();
        leaks.AddRange(_secrets.FindLeaks("session events", string.Join('\n', events)));
        leaks.AddRange(_secrets.FindLeaks("result", JsonSerializer.Serialize(result, TranscriptJson.Options)));
        leaks.AddRange(_secrets.FindLeaks("commit message", commitMessage));
        leaks.AddRange(_secrets.FindLeaks("pull request", string.Join('\n', github.Requests.Select(r => r.Body))));
        leaks.AddRange(_secrets.FindLeaks("slack", string.Join('\n', slack.Requests.Select(r => r.Body))));
        Assert.True(leaks.Count == 0, "Leaked: " + string.Join("; ", leaks));

        // The texts are still there, with the secrets marked: redaction, not silence.
        Assert.Contains("[REDACTED:", pullRequest.Json["body"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("[REDACTED:", posted.Body, StringComparison.Ordinal);
        Assert.Contains("Fixed the typo in greeting.txt", commitMessage, StringComparison.Ordinal);
        Assert.Contains("[REDACTED:", commitMessage, StringComparison.Ordinal);
    }
}
