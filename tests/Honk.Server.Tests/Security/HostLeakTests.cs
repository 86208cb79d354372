using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Honk.Delivery.GitHub;
using Honk.Delivery.Slack;
using Honk.Hosting;
using Honk.Models.Tests.Infrastructure;
using Honk.Security.Tests;
using Honk.Testing;
using Honk.Transcripts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Honk.Server.Tests.Security;

/// <summary>
/// <c>honk serve</c>'s own wiring (<see cref="HonkServer.CreateBuilder(string[], HonkServerStartup)"/>) on loopback,
/// holding its secrets the ways a deployed host does — a Slack signing secret, a GitHub webhook secret, a model gateway
/// key and a GitHub token in its configuration (as <c>honk.json</c> gives them), an API client key in its options, the
/// link-signing key in its state folder, a token in its environment — runs a Slack-triggered and a GitHub-triggered
/// session on a repository with committed secrets, with a model that reads, prints and repeats every secret, the
/// host's included. Every output counts 0 planted secrets (21 kinds): the SQLite files, the stored events and results,
/// the API's session and event stream, the review link's event stream and page, the pushed commits and branch names,
/// the messages sent to a loopback Slack, the comments sent to a loopback GitHub, and every log line at every level.
/// </summary>
[Trait("Category", "Security")]
[Collection(EnvironmentCollection)]
public sealed class HostLeakTests : IAsyncLifetime
{
    /// <summary>The host tests that set <see cref="PlantedSecrets.HostVariable"/> in this process run one at a time.</summary>
    public const string EnvironmentCollection = "host environment";

    private const string SlackOk = """{"ok":true,"channel":"C0CHAN","ts":"1700000000.000100"}""";
    private const string CommentCreated = """{"id":9001,"html_url":"https://github.test/octo/shop/issues/42#issuecomment-9001","body":"ok"}""";

    private readonly TemporaryDirectory _folder = new("honk-host-leaks");
    private readonly PlantedSecrets _secrets = PlantedSecrets.Create();
    private string _remote = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await using var seed = await TemporaryGitRepository.CreateAsync(cancellationToken: Ct);
        await seed.CommitFilesAsync(_secrets.RepositoryFiles, "app with committed secrets", Ct);
        _remote = _folder.Combine("remote.git");
        await seed.RunGitAsync(["clone", "--quiet", "--bare", seed.Path, _remote], Ct);
        _folder.WriteFile("leaky.json", _secrets.ModelScript());

        // The link-signing key a host made at an earlier start.
        _folder.WriteFile("state/link-signing.key", _secrets.LinkSigningKey);
    }

    public ValueTask DisposeAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task ServeHost_SlackAndGitHubSessions_LeakNoPlantedSecretInAnyOutput()
    {
        // The host process's environment holds a secret-looking variable, as a deployed host's does.
        Environment.SetEnvironmentVariable(PlantedSecrets.HostVariable, _secrets.HostValue);
        try
        {
            await RunAndCountAsync();
        }
        finally
        {
            Environment.SetEnvironmentVariable(PlantedSecrets.HostVariable, null);
        }
    }

    private async Task RunAndCountAsync()
    {
        await using var slack = new LoopbackHttpServer((_, _) => LoopbackResponse.Json(SlackOk));
        // A GET is the look for an earlier attempt's comment (none); the POST is the comment.
        await using var github = new LoopbackHttpServer((request, _) => request.Method == "GET" ? LoopbackResponse.Json("[]") : LoopbackResponse.Json(CommentCreated, 201));
        var logs = new CapturedLogs();
        await using var app = await StartAsync(slack.BaseUri, github.BaseUri, logs);
        var baseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        using var client = new HttpClient { BaseAddress = baseUrl };
        var host = app.Services.GetRequiredService<HonkHost>();

        var slashCommand = "team_id=T1&channel_id=C0CHAN&user_id=U_LEAD&command=%2Fhonk&text=shop+fix+the+greeting+typo&trigger_id=1.2";
        using (var ack = await client.SendAsync(RealHostApp.SignedSlashCommand(slashCommand, secret: _secrets.SlackSigningSecret), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        }

        var comment = GitHubPayloads.IssueComment("@honk fix the greeting typo", "lead");
        using (var accepted = await client.SendAsync(ServerApp.GitHubRequest("issue_comment", comment, "delivery-1", _secrets.GitHubWebhookSecret), Ct))
        {
            Assert.True(accepted.IsSuccessStatusCode, $"{(int)accepted.StatusCode}: {await accepted.Content.ReadAsStringAsync(Ct)}");
        }

        var sessions = await host.ListAsync(cancellationToken: Ct);
        Assert.Equal(2, sessions.Count);
        var leaks = new List<string>();
        foreach (var session in sessions)
        {
            var record = await WaitForCompletionAsync(host, session.Id);
            Assert.True(record.Status == HostedSessionStatus.Succeeded, $"{record.Status.ToWireName()}: {record.Result?.Message}");
            leaks.AddRange(await CountSessionAsync(client, host, record));
        }

        // Replies go out after the sessions end: one "working on it" and one result in Slack, one comment on GitHub.
        await WaitForAsync(() => slack.Requests.Count(r => r.Path.EndsWith("chat.postMessage", StringComparison.Ordinal)) >= 2 && github.Requests.Count(r => r.Method == "POST") >= 1);
        leaks.AddRange(_secrets.FindLeaks("Slack messages (loopback Slack)", string.Join('\n', slack.Requests.Select(r => r.Body))));
        leaks.AddRange(_secrets.FindLeaks("GitHub comments (loopback GitHub)", string.Join('\n', github.Requests.Select(r => r.Body))));
        await app.StopAsync(Ct);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(_folder.Combine("state"), "honk.db*"))
        {
            // The raw database pages, write-ahead log included: what a copy of the host's disk gives away.
            leaks.AddRange(_secrets.FindLeaks("SQLite file " + Path.GetFileName(file), Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file, Ct))));
        }

        leaks.AddRange(_secrets.FindLeaks("logs", logs.ToString()));
        Assert.True(leaks.Count == 0, "Leaked: " + string.Join("; ", leaks));

        // Redaction, not silence: the replies and the page say what happened with the secrets marked, the logs ran.
        Assert.Contains(slack.Requests, r => r.Body.Contains("[REDACTED:", StringComparison.Ordinal));
        Assert.Contains(github.Requests, r => r.Body.Contains("[REDACTED:", StringComparison.Ordinal));
        Assert.True(logs.Lines > 0, "The host logged nothing, so the logs were not really counted.");
    }

    private async Task<IEnumerable<string>> CountSessionAsync(HttpClient client, HonkHost host, SessionRecord record)
    {
        var id = record.Id;
        var token = Uri.EscapeDataString(new ReviewLinks(_secrets.LinkSigningKey).CreateSessionToken(id, record.Request.Requester ?? "admin", TimeSpan.FromHours(1)));
        var storedEvents = await host.Store.ReadEventsAsync(id, 0, 10_000, Ct);
        var apiStream = await ReadAsync(client, ApiGet($"api/sessions/{id}/events"));
        var apiSession = await ReadAsync(client, ApiGet($"api/sessions/{id}"));
        var reviewStream = await ReadAsync(client, new HttpRequestMessage(HttpMethod.Get, $"review/{id}/events?t={token}"));
        var reviewPage = await ReadAsync(client, new HttpRequestMessage(HttpMethod.Get, $"review/{id}?t={token}"));
        var commit = GitRepo.Git(_folder.Path, "--git-dir", _remote, "log", "-1", "--format=%B", record.Branch!);

        var leaks = new List<string>();
        leaks.AddRange(_secrets.FindLeaks("store events", string.Join('\n', storedEvents.Select(TranscriptJson.Serialize))));
        leaks.AddRange(_secrets.FindLeaks("store result", JsonSerializer.Serialize(record.Result, TranscriptJson.Options)));
        leaks.AddRange(_secrets.FindLeaks("/api/sessions/{id}/events", apiStream));
        leaks.AddRange(_secrets.FindLeaks("/api/sessions/{id}", apiSession));
        leaks.AddRange(_secrets.FindLeaks("review event stream", reviewStream));
        leaks.AddRange(_secrets.FindLeaks("review page", reviewPage));
        leaks.AddRange(_secrets.FindLeaks("pushed commit message", commit));
        leaks.AddRange(_secrets.FindLeaks("branch name", record.Branch));

        // The session really read the files and said the host's secrets: they were there to leak.
        Assert.Contains(storedEvents, e => e is ToolCallCompleted { Name: "read_file" } r && r.Result.Contains("SESSION_SIGNING=[REDACTED:", StringComparison.Ordinal));
        if (!storedEvents.Any(e => e is AssistantTurnCompleted t && t.Text?.Contains("its webhook secret [REDACTED:literal]", StringComparison.Ordinal) == true))
        {
            leaks.Add("store events: the model's words about the host's webhook secret are not marked as redacted");
        }

        Assert.Contains("[REDACTED:", reviewPage, StringComparison.Ordinal);
        Assert.Contains("Hello, world!", reviewPage, StringComparison.Ordinal);
        return leaks;
    }

    private async Task<WebApplication> StartAsync(Uri slackApi, Uri githubApi, CapturedLogs logs)
    {
        var builder = HonkServer.CreateBuilder(
            [
                "--urls=http://127.0.0.1:0",
                "--Honk:StateDirectory=" + _folder.Combine("state"),
                "--Honk:Model=script:" + _folder.Combine("leaky.json"),
                "--Honk:HostId=leaks",
                "--Honk:AllowUnsandboxed=true",
            ],
            new HonkServerStartup
            {
                // As honk.json's serve object and an embedding app's appsettings.json would give them.
                FileSettings = _secrets.HostConfiguration,
                Configure = o =>
                {
                    var lead = new ApiClientOptions { Name = "lead", Key = _secrets.ApiClientKey };
                    lead.Roles.Add(ApiClientOptions.TriggerRole);
                    o.ApiClients.Add(lead);
                    o.Repositories["shop"] = _remote;
                    o.Repositories["octo/shop"] = _remote;
                    o.Access.Triggerers.Add("slack:U_LEAD");
                    o.Access.Triggerers.Add("github:lead");
                    o.Access.Approvers.Add("slack:U_LEAD");
                },
            });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(logs);

        // An embedding app's replies, with the tokens from its configuration.
        builder.Services.AddSingleton(new SlackClient(new HttpClient(), new SlackClientOptions { BaseUrl = new Uri(slackApi, "api/"), BotToken = _secrets.SlackToken }));
        builder.Services.AddSingleton(new GitHubClient(new HttpClient(), new GitHubClientOptions { BaseUrl = githubApi, Token = builder.Configuration["GitHub:Token"] }));
        var app = builder.Build();
        await app.Services.GetRequiredService<ISessionStore>().InitializeAsync(Ct);
        app.MapHonk();
        await app.StartAsync(Ct);
        return app;
    }

    private HttpRequestMessage ApiGet(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _secrets.ApiClientKey);
        return request;
    }

    private static async Task<string> ReadAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await client.SendAsync(request, Ct);
            Assert.True(response.IsSuccessStatusCode, $"{request.RequestUri}: {(int)response.StatusCode}");
            return await response.Content.ReadAsStringAsync(Ct);
        }
    }

    private static async Task<SessionRecord> WaitForCompletionAsync(HonkHost host, string id)
    {
        var deadline = DateTimeOffset.UtcNow.AddMinutes(3);
        while (true)
        {
            if (await host.GetAsync(id, Ct) is { } record && record.Status.IsFinal())
            {
                return record;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, string.Create(CultureInfo.InvariantCulture, $"Session {id} did not finish in 3 minutes."));
            await Task.Delay(100, Ct);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The replies did not arrive within 60 s.");
            await Task.Delay(100, Ct);
        }
    }
}
