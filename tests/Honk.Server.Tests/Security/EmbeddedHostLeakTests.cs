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
using Honk.Workspaces.Git;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Honk.Server.Tests.Security;

/// <summary>
/// An app embedding Honk — <c>AddHonk().AddHonkDefaults()</c> with a pull-request channel to a loopback GitHub and a
/// Slack channel to a loopback Slack, the host's runner composing sessions from the app's own container, the server's
/// endpoints — holds its secrets in its configuration and options. An API-triggered session whose model repeats every
/// planted secret (21 kinds) leaves 0 in the pull request, the Slack message, the pushed commit, the store, the API and
/// the logs: the app's configuration and the server's keys reach the session's redactor through the one composition.
/// </summary>
[Trait("Category", "Security")]
[Collection(HostLeakTests.EnvironmentCollection)]
public sealed class EmbeddedHostLeakTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _folder = new("honk-embedded-leaks");
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
    }

    public ValueTask DisposeAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task ApiSession_DeliveredAsPullRequestAndSlackMessage_LeaksNoPlantedSecret()
    {
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
        await using var github = new LoopbackHttpServer((request, _) => GitHubAnswer(request));
        await using var slack = new LoopbackHttpServer((_, _) => LoopbackResponse.Json("""{"ok":true,"channel":"C0SECURITY","ts":"1700000000.000200"}"""));
        var logs = new CapturedLogs();
        await using var app = await StartAsync(github.BaseUri, slack.BaseUri, logs);
        using var client = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _secrets.ApiClientKey);

        using var created = await client.PostAsync("api/sessions", new StringContent(JsonSerializer.Serialize(new { repository = "shop", task = "Fix the greeting's typo" }), Encoding.UTF8, "application/json"), Ct);
        var body = await created.Content.ReadAsStringAsync(Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Accepted, body);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
        var host = app.Services.GetRequiredService<HonkHost>();
        var record = await WaitForCompletionAsync(host, id);
        Assert.True(record.Status == HostedSessionStatus.Succeeded, $"{record.Status.ToWireName()}: {record.Result?.Message}");
        Assert.All(record.Result!.Deliveries, d => Assert.True(d.Succeeded, $"{d.Channel}: {d.Message}"));

        var pullRequest = Assert.Single(github.Requests, r => r.Method == "POST" && r.Path.EndsWith("/pulls", StringComparison.Ordinal));
        var message = Assert.Single(slack.Requests, r => r.Path.EndsWith("chat.postMessage", StringComparison.Ordinal));
        var leaks = new List<string>();
        leaks.AddRange(_secrets.FindLeaks("pull request (loopback GitHub)", string.Join('\n', github.Requests.Select(r => r.Path + "\n" + r.Body))));
        leaks.AddRange(_secrets.FindLeaks("Slack message (loopback Slack)", string.Join('\n', slack.Requests.Select(r => r.Body))));
        leaks.AddRange(_secrets.FindLeaks("pushed commit message", GitRepo.Git(_folder.Path, "--git-dir", _remote, "log", "-1", "--format=%B", record.Branch!)));
        leaks.AddRange(_secrets.FindLeaks("branch name", record.Branch));
        leaks.AddRange(_secrets.FindLeaks("store events", string.Join('\n', (await host.Store.ReadEventsAsync(id, 0, 10_000, Ct)).Select(TranscriptJson.Serialize))));
        leaks.AddRange(_secrets.FindLeaks("store result", JsonSerializer.Serialize(record.Result, TranscriptJson.Options)));
        leaks.AddRange(_secrets.FindLeaks("/api/sessions/{id}/events", await client.GetStringAsync($"api/sessions/{id}/events", Ct)));
        leaks.AddRange(_secrets.FindLeaks("/api/sessions/{id}", await client.GetStringAsync($"api/sessions/{id}", Ct)));
        await app.StopAsync(Ct);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(_folder.Path, "honk.db*"))
        {
            leaks.AddRange(_secrets.FindLeaks("SQLite file " + Path.GetFileName(file), Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file, Ct))));
        }

        leaks.AddRange(_secrets.FindLeaks("logs", logs.ToString()));
        Assert.True(leaks.Count == 0, "Leaked: " + string.Join("; ", leaks));

        // The pull request and the message say what was done, with the secrets marked.
        Assert.Contains("[REDACTED:", pullRequest.Json().GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Contains("[REDACTED:", message.Body, StringComparison.Ordinal);
        Assert.Equal("Bearer " + _secrets.GitHubClassicToken, pullRequest.Header("Authorization"));
    }

    private async Task<WebApplication> StartAsync(Uri githubApi, Uri slackApi, CapturedLogs logs)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(_secrets.HostConfiguration);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(logs);

        var store = new SqliteSessionStore(_folder.Combine("honk.db"));
        await store.InitializeAsync(Ct);
        builder.Services.AddSingleton(new HonkHost(store, new HonkHostOptions { HostId = "embedded", PollInterval = TimeSpan.FromMilliseconds(100) }));
        var github = new GitHubClient(new HttpClient(), new GitHubClientOptions { BaseUrl = githubApi, Token = builder.Configuration["GitHub:Token"] });
        var slack = new SlackClient(new HttpClient(), new SlackClientOptions { BaseUrl = new Uri(slackApi, "api/"), BotToken = _secrets.SlackToken });
        builder.Services.AddHonk(o => o.ModelChosenPerSession = true)
            .AddHonkDefaults(d =>
            {
                d.AllowUnsandboxed = true;
                d.AllowValidatorNetwork = false;
                d.Workspace = new GitWorkspaceOptions { CacheRoot = _folder.Combine("cache"), WorktreesRoot = _folder.Combine("worktrees") };
            })
            .WithDelivery(new GitHubPullRequestChannel(github, new GitHubPullRequestOptions { Owner = "octo", Repository = "shop" }))
            .WithDelivery(new SlackNotificationChannel(slack, new SlackNotificationOptions { Channel = "C0SECURITY" }));
        builder.Services.AddSingleton<ISessionExecutor>(sp => new SessionComposer(sp, new SessionComposerOptions { DefaultModel = "script:" + _folder.Combine("leaky.json") }));
        builder.Services.AddHostedService(sp => new SessionRunnerService(sp.GetRequiredService<HonkHost>(), sp.GetRequiredService<ISessionExecutor>(), sp.GetService<ILogger<SessionRunnerService>>()));
        builder.Services.AddSingleton<ISessionGateway>(sp => new HostingSessionGateway(sp.GetRequiredService<HonkHost>()));
        builder.Services.AddHonkServer(o =>
        {
            var ci = new ApiClientOptions { Name = "ci", Key = _secrets.ApiClientKey };
            ci.Roles.Add(ApiClientOptions.TriggerRole);
            o.ApiClients.Add(ci);
            o.LinkSigningKey = _secrets.LinkSigningKey;
            o.SlackSigningSecret = builder.Configuration["Honk:SlackSigningSecret"];
            o.Repositories["shop"] = _remote;
        });
        var app = builder.Build();
        app.MapHonk();
        await app.StartAsync(Ct);
        return app;
    }

    private static LoopbackResponse GitHubAnswer(RecordedRequest request) => (request.Method, request.Path) switch
    {
        ("GET", var p) when p.Contains("/pulls", StringComparison.Ordinal) => LoopbackResponse.Json("[]"),
        ("GET", _) => LoopbackResponse.Json("""{ "full_name": "octo/shop", "default_branch": "main" }"""),
        ("POST", var p) when p.EndsWith("/pulls", StringComparison.Ordinal) => LoopbackResponse.Json(
            """{ "number": 7, "html_url": "https://github.test/octo/shop/pull/7", "state": "open", "title": "t", "head": { "ref": "h" }, "base": { "ref": "main" } }""", 201),
        _ => LoopbackResponse.Json("""{ "message": "Not Found" }""", 404),
    };

    private static async Task<SessionRecord> WaitForCompletionAsync(HonkHost host, string id)
    {
        var deadline = DateTimeOffset.UtcNow.AddMinutes(3);
        while (true)
        {
            if (await host.GetAsync(id, Ct) is { } record && record.Status.IsFinal())
            {
                return record;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"Session {id} did not finish in 3 minutes.");
            await Task.Delay(100, Ct);
        }
    }
}
