using System.Diagnostics;
using System.Globalization;
using System.Text;
using Honk.Delivery.Tests.GitHub;
using Honk.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Honk.Server.Tests.PullRequests;

/// <summary>
/// <c>honk serve</c>'s own builder (<see cref="HonkServer.CreateBuilder(string[], HonkServerStartup)"/>) in this process,
/// configured by the same keys an operator sets: a GitHub token and API address (the loopback fake GitHub), pull
/// requests on (<c>PullRequests:Deliver</c>), polling every second, a scripted model. Sessions push to a real bare
/// repository that the fake GitHub reads its branch tips from.
/// </summary>
internal sealed class PullRequestHostApp : IAsyncDisposable
{
    public const string WebhookSecret = "pr-host-webhook-secret-0123456789";
    public const string LinkKey = "pr-host-link-signing-key-0123456789abcdef";

    private readonly WebApplication _app;

    private PullRequestHostApp(WebApplication app, FakeGitHub github)
    {
        _app = app;
        GitHub = github;
        Host = app.Services.GetRequiredService<HonkHost>();
        Gateway = app.Services.GetRequiredService<ISessionGateway>();
        Watch = app.Services.GetRequiredService<PullRequestWatchService>();
        Board = app.Services.GetRequiredService<PullRequestCheckBoard>();
        BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = BaseUrl };
    }

    public HonkHost Host { get; }

    public ISessionGateway Gateway { get; }

    public PullRequestWatchService Watch { get; }

    public PullRequestCheckBoard Board { get; }

    public FakeGitHub GitHub { get; }

    public Uri BaseUrl { get; }

    public HttpClient Client { get; }

    public static async Task<PullRequestHostApp> StartAsync(string stateDirectory, string script, FakeGitHub github, params string[] extra)
    {
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            "--Honk:StateDirectory=" + stateDirectory,
            "--Honk:HostId=pr-e2e",
            "--Honk:Model=script:" + script,
            "--Honk:AllowUnsandboxed=true",
            "--Honk:GitHubToken=" + FakeGitHub.Token,
            "--Honk:GitHubApiUrl=" + github.ApiUrl,
            "--Honk:GitHubWebhookSecret=" + WebhookSecret,
            "--Honk:LinkSigningKey=" + LinkKey,
            "--Honk:PullRequests:Deliver=true",
            "--Honk:PullRequests:Repository=octo/repo",
            "--Honk:PullRequests:PollInterval=00:00:01",
            .. extra,
        ];
        var builder = HonkServer.CreateBuilder(args, new HonkServerStartup());
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapHonk();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new PullRequestHostApp(app, github);
    }

    public Task<SessionView> SubmitAsync(string repository, string goal) => Gateway.SubmitAsync(
        new SessionSubmission(repository, new CodingTask(goal) { Title = goal, Requester = "api:lead" }, new SessionSource { Kind = "api", Requester = "api:lead" }),
        TestContext.Current.CancellationToken).AsTask();

    /// <summary>A webhook delivery signed as GitHub signs them.</summary>
    public async Task<HttpResponseMessage> WebhookAsync(string eventName, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "github/webhook") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", GitHubSignatureVerifier.Sign(WebhookSecret, Encoding.UTF8.GetBytes(json)));
        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public string SessionToken(string sessionId, string subject) => new ReviewLinks(LinkKey).CreateSessionToken(sessionId, subject, TimeSpan.FromHours(1));

    /// <summary>Waits (by progress, with a generous hang limit) until <paramref name="found"/> gives a value.</summary>
    public static async Task<T> WaitForAsync<T>(string what, Func<Task<T?>> found, TimeSpan? limit = null)
        where T : class
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (await found() is { } value)
            {
                return value;
            }

            if (watch.Elapsed > (limit ?? TimeSpan.FromMinutes(4)))
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"Still waiting for {what} after {watch.Elapsed.TotalSeconds:0} s."));
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    public Task<SessionRecord> CompletedAsync(string id) => WaitForAsync($"session {id} to finish", async () =>
        await Host.GetAsync(id, TestContext.Current.CancellationToken) is { } r && r.Status.IsFinal() ? r : null);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
