using System.Net.Http.Headers;
using System.Text;
using Honk.Delivery.GitHub;
using Honk.Delivery.Slack;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Honk.Server.Tests;

/// <summary>A real Kestrel server on 127.0.0.1 with the Honk endpoints over a <see cref="FakeSessionGateway"/>.</summary>
internal sealed class ServerApp : IAsyncDisposable
{
    public const string ApiKey = "test-api-key-0123456789";

    /// <summary>The key of the API client <c>lead</c>, which may trigger and approve.</summary>
    public const string LeadKey = "lead-api-key-0123456789abcdef";
    public const string SlackSecret = "slack-signing-secret-for-tests";
    public const string GitHubSecret = "github-webhook-secret-for-tests";
    public const string LinkKey = "link-signing-key-0123456789abcdef-tests";

    private readonly WebApplication _app;

    private ServerApp(WebApplication app, FakeSessionGateway gateway, RecordingHandler slack, RecordingHandler github)
    {
        _app = app;
        Gateway = gateway;
        SlackApi = slack;
        GitHubApi = github;
        BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        Client = new HttpClient { BaseAddress = BaseUrl };
    }

    public FakeSessionGateway Gateway { get; }

    public RecordingHandler SlackApi { get; }

    public RecordingHandler GitHubApi { get; }

    public Uri BaseUrl { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ServerApp> StartAsync(Action<HonkServerOptions>? configure = null, FakeSessionGateway? gateway = null, Uri? githubApi = null)
    {
        gateway ??= new FakeSessionGateway();
        var slack = new RecordingHandler("Slack API", """{"ok":true,"channel":"C1","ts":"1700000000.000100"}""");
        var github = new RecordingHandler("GitHub API", """{"id":7,"html_url":"https://github.com/octo/shop/issues/42#issuecomment-7","body":"x"}""", System.Net.HttpStatusCode.Created, getResponseJson: "[]");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<ISessionGateway>(gateway);
        builder.Services.AddSingleton(new SlackClient(new HttpClient(slack), new SlackClientOptions { BaseUrl = new Uri("http://slack.test/api/"), BotToken = "xoxb-test" }));
        builder.Services.AddSingleton(githubApi is null
            ? new GitHubClient(new HttpClient(github), new GitHubClientOptions { BaseUrl = new Uri("http://github.test/"), Token = "ghp_test" })
            : new GitHubClient(new HttpClient(), new GitHubClientOptions { BaseUrl = githubApi, Token = Honk.Delivery.Tests.GitHub.FakeGitHub.Token }));
        builder.Services.AddHonkServer(o =>
        {
            o.ApiKeys.Add(ApiKey);
            var lead = new ApiClientOptions { Name = "lead", Key = LeadKey };
            lead.Roles.Add(ApiClientOptions.TriggerRole);
            lead.Roles.Add(ApiClientOptions.ApproveRole);
            o.ApiClients.Add(lead);
            o.AllowedRemotes.Add("https://github.com/octo/");
            o.SlackSigningSecret = SlackSecret;
            o.GitHubWebhookSecret = GitHubSecret;
            o.LinkSigningKey = LinkKey;
            o.DefaultRepository = "/repos/default";
            o.Repositories["shop"] = "/repos/shop";
            o.Access.Triggerers.Add("slack:U_ALLOWED");
            o.Access.Triggerers.Add("github:octocat");
            o.Access.Approvers.Add("slack:U_ALLOWED");
            o.Access.Approvers.Add("lead");
            configure?.Invoke(o);
        });
        var app = builder.Build();
        app.MapHonk();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new ServerApp(app, gateway, slack, github);
    }

    public HttpRequestMessage Api(HttpMethod method, string path, string? json = null, string key = ApiKey)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return request;
    }

    public static HttpRequestMessage SlackRequest(string path, string body, string contentType, DateTimeOffset? at = null, string secret = SlackSecret)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", SlackRequestVerifier.Sign(secret, timestamp, Encoding.UTF8.GetBytes(body)));
        return request;
    }

    public static HttpRequestMessage GitHubRequest(string eventName, string body, string delivery, string secret = GitHubSecret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "github/webhook") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", delivery);
        request.Headers.Add("X-Hub-Signature-256", GitHubSignatureVerifier.Sign(secret, Encoding.UTF8.GetBytes(body)));
        return request;
    }

    /// <summary>A page form's action: the path with the caller's token in the query, as the pages render it.</summary>
    public static string FormAction(string path, string token) => $"{path}?t={Uri.EscapeDataString(token)}";

    public string SessionToken(string sessionId, string subject)
        => new ReviewLinks(LinkKey).CreateSessionToken(sessionId, subject, TimeSpan.FromHours(1));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
