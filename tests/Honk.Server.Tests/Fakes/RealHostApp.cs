using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Honk.Delivery.Slack;
using Honk.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Honk.Server.Tests;

/// <summary>
/// The real stack on 127.0.0.1, registered as an embedding app does (<c>AddHonk().AddHonkDefaults()</c>,
/// <c>AddHonkHosting().UseSqlite()</c>, <c>AddHonkServer()</c>, <c>MapHonk()</c>): Kestrel with the Honk endpoints
/// over <see cref="HostingSessionGateway"/>, a <see cref="HonkHost"/> on SQLite, the runner and the real composition
/// (git workspaces, tools, validators, guards, push delivery). Only the model is a script and Slack's Web API a recorder.
/// </summary>
internal sealed class RealHostApp : IAsyncDisposable
{
    public const string ApiKey = "real-host-api-key-0123456789";

    /// <summary>A second client ("other", role trigger): it must not see the first one's plans.</summary>
    public const string OtherApiKey = "real-host-other-api-key-0123456789";
    public const string SlackSecret = "real-host-slack-signing-secret";
    public const string LinkKey = "real-host-link-signing-key-0123456789abcdef";

    private readonly WebApplication _app;

    private RealHostApp(WebApplication app, RecordingHandler slack, string dataDirectory)
    {
        _app = app;
        SlackApi = slack;
        DataDirectory = dataDirectory;
        Host = app.Services.GetRequiredService<HonkHost>();
        Gateway = app.Services.GetRequiredService<ISessionGateway>();
        BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = BaseUrl };
    }

    public HonkHost Host { get; }

    public ISessionGateway Gateway { get; }

    public RecordingHandler SlackApi { get; }

    public string DataDirectory { get; }

    public Uri BaseUrl { get; }

    /// <summary>Does not follow redirects, so a test can read where an action sends the browser.</summary>
    public HttpClient Client { get; }

    /// <summary>Starts the stack; <paramref name="modelFor"/> picks each session's scripted model from its submission.</summary>
    /// <param name="dataDirectory">Where the store, caches and worktrees live.</param>
    /// <param name="repository">The repository named <c>shop</c>.</param>
    /// <param name="modelFor">Each session's scripted model.</param>
    /// <param name="useStore">The store; SQLite in <paramref name="dataDirectory"/> when null (several hosts: the same store).</param>
    /// <param name="hostId">The host's id (several hosts on one store need different ones).</param>
    /// <param name="configureServer">More server settings (e.g. the planning model).</param>
    public static async Task<RealHostApp> StartAsync(string dataDirectory, string repository, Func<SessionSubmission, string> modelFor, Action<IHonkHostingBuilder>? useStore = null, string hostId = "e2e", Action<HonkServerOptions>? configureServer = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var slack = new RecordingHandler("Slack API", """{"ok":true,"channel":"C0CHAN","ts":"1700000000.000100"}""");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddHonk(o => o.ModelChosenPerSession = true)
            .AddHonkDefaults(d =>
            {
                // bubblewrap is used when it works here; the test must not fail on a machine where it cannot.
                d.AllowUnsandboxed = true;
                d.AllowValidatorNetwork = false;
                d.Workspace.CacheRoot = Path.Combine(dataDirectory, "cache");
                d.Workspace.WorktreesRoot = Path.Combine(dataDirectory, "worktrees");
            });
        var hosting = builder.Services.AddHonkHosting(o =>
            {
                o.HostId = hostId;
                o.PollInterval = TimeSpan.FromMilliseconds(100);
            });
        if (useStore is null)
        {
            hosting.UseSqlite(Path.Combine(dataDirectory, "honk.db"));
        }
        else
        {
            useStore(hosting);
        }

        builder.Services.AddSingleton<ISessionGateway>(sp => new HostingSessionGateway(sp.GetRequiredService<HonkHost>())
        {
            ConfigureRequest = (submission, request) => request with { Model = "script:" + modelFor(submission) },
        });
        builder.Services.AddSingleton(new SlackClient(new HttpClient(slack), new SlackClientOptions { BaseUrl = new Uri("http://slack.test/api/"), BotToken = "xoxb-test" }));
        builder.Services.AddHonkServer(o =>
        {
            var lead = new ApiClientOptions { Name = "lead", Key = ApiKey };
            lead.Roles.Add(ApiClientOptions.TriggerRole);
            lead.Roles.Add(ApiClientOptions.ApproveRole);
            o.ApiClients.Add(lead);
            var other = new ApiClientOptions { Name = "other", Key = OtherApiKey };
            other.Roles.Add(ApiClientOptions.TriggerRole);
            o.ApiClients.Add(other);
            o.SlackSigningSecret = SlackSecret;
            o.LinkSigningKey = LinkKey;
            o.Repositories["shop"] = repository;
            o.Access.Triggerers.Add("slack:U_LEAD");
            o.Access.Approvers.Add("slack:U_LEAD");
            o.Access.Approvers.Add("lead");
            configureServer?.Invoke(o);
        });
        var app = builder.Build();
        app.MapHonk();
        await app.StartAsync(ct);
        return new RealHostApp(app, slack, dataDirectory);
    }

    /// <summary>A slash-command POST signed the way Slack documents it: <c>v0=</c> HMAC-SHA256 of <c>v0:{timestamp}:{body}</c>.</summary>
    /// <param name="body">The form body.</param>
    /// <param name="timestamp">Unix seconds; now when null. A replay reuses the original's.</param>
    /// <param name="secret">The signing secret (a wrong one forges).</param>
    public static HttpRequestMessage SignedSlashCommand(string body, long? timestamp = null, string secret = SlackSecret)
    {
        var ts = (timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"v0:{ts}:{body}"));
        var request = new HttpRequestMessage(HttpMethod.Post, "slack/commands") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", "v0=" + Convert.ToHexStringLower(mac));
        return request;
    }

    public HttpRequestMessage Api(HttpMethod method, string path, string json)
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        return request;
    }

    public string SessionToken(string sessionId, string subject) => new ReviewLinks(LinkKey).CreateSessionToken(sessionId, subject, TimeSpan.FromHours(1));

    /// <summary>Waits for the host to finish a session; on a failure the message says what the session reported.</summary>
    public async Task<SessionRecord> WaitForCompletionAsync(string sessionId, TimeSpan? timeout = null)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var record = await Host.GetAsync(sessionId, TestContext.Current.CancellationToken);
            if (record is not null && record.Status.IsFinal())
            {
                return record;
            }

            if (watch.Elapsed > (timeout ?? TimeSpan.FromSeconds(45)))
            {
                throw new TimeoutException($"Session {sessionId} is still {record?.Status.ToWireName() ?? "missing"} after {watch.Elapsed.TotalSeconds:0} s.");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>What a failed session said, for assertion messages.</summary>
    public async Task<string> DescribeAsync(SessionRecord record)
    {
        var events = await Host.Store.ReadEventsAsync(record.Id, 0, 1000, TestContext.Current.CancellationToken);
        return $"{record.Status.ToWireName()}: {record.Result?.Message}\n" + string.Join('\n', events.Select(e => e.GetType().Name + " " + e));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
