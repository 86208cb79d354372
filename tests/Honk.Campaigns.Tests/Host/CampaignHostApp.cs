using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Honk.Hosting;
using Honk.Server;
using Honk.Server.Campaigns;
using Honk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Honk.Campaigns.Tests.Host;

/// <summary>
/// The real host on 127.0.0.1 with campaigns (<c>AddHonkHosting()</c>, <c>AddHonkServer()</c>,
/// <c>AddHonkCampaigns()</c>, <c>MapHonk()</c>): campaign sessions are the host's own, composed from
/// <c>AddHonk().AddHonkDefaults()</c> (git worktrees, tools, the repositories' own node tests). Only the model is a script.
/// The fleet's repositories are the host's named repositories r0, r1, ….
/// </summary>
internal sealed class CampaignHostApp : IAsyncDisposable
{
    /// <summary>May start and control campaigns, and approve.</summary>
    public const string LeadKey = "campaign-lead-key-0123456789abcdef";

    /// <summary>May only approve (no trigger role).</summary>
    public const string ApproverKey = "campaign-approver-key-0123456789ab";

    /// <summary>May only trigger: cannot approve a wave.</summary>
    public const string TriggerKey = "campaign-trigger-key-0123456789abc";

    public const string LinkKey = "campaign-link-signing-key-0123456789abcdef";

    /// <summary>A person on the approvers list (the page's buttons are theirs).</summary>
    public const string Reviewer = "reviewer";

    private readonly WebApplication _app;
    private readonly TemporaryDirectory _data;

    private CampaignHostApp(WebApplication app, TemporaryDirectory data)
    {
        _app = app;
        _data = data;
        Host = app.Services.GetRequiredService<HonkHost>();
        Campaigns = app.Services.GetRequiredService<HostCampaigns>();
        BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = BaseUrl, Timeout = TimeSpan.FromMinutes(5) };
    }

    public HonkHost Host { get; }

    public HostCampaigns Campaigns { get; }

    public Uri BaseUrl { get; }

    public HttpClient Client { get; }

    /// <summary>Starts the host.</summary>
    /// <param name="fleet">The repositories, named r0, r1, … in the host.</param>
    /// <param name="addCampaigns">Registers campaigns another way (default: <c>AddHonkCampaigns</c> on SQLite).</param>
    /// <param name="targets">What r0, r1, … name instead of the fleet's folders (e.g. git URLs).</param>
    /// <param name="services">More registrations (e.g. a <c>GitHubClient</c>).</param>
    public static async Task<CampaignHostApp> StartAsync(Fleet fleet, Action<IServiceCollection, Action<HonkCampaignsOptions>>? addCampaigns = null, IReadOnlyList<string>? targets = null, Action<IServiceCollection>? services = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var data = new TemporaryDirectory("honk-campaign-host");
        var script = Path.Combine(data.Path, "script.json");
        await File.WriteAllTextAsync(script, Fleet.Script, ct);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddHonk(o => o.ModelChosenPerSession = true)
            .AddHonkDefaults(d =>
            {
                // bubblewrap is used when it works here; the test must not fail on a machine where it cannot.
                d.AllowUnsandboxed = true;
                d.AllowValidatorNetwork = false;
                d.Workspace.CacheRoot = Path.Combine(data.Path, "cache");
                d.Workspace.WorktreesRoot = Path.Combine(data.Path, "worktrees");
            });
        builder.Services.AddHonkHosting(o =>
            {
                o.HostId = "campaigns";
                o.MaxConcurrency = 2;
                o.PollInterval = TimeSpan.FromMilliseconds(100);
            })
            .UseSqlite(Path.Combine(data.Path, "honk.db"));
        void Configure(HonkCampaignsOptions o)
        {
            o.Model = "script:" + script;
            o.PollInterval = TimeSpan.FromMilliseconds(100);
        }

        if (addCampaigns is null)
        {
            builder.Services.AddHonkCampaigns(Path.Combine(data.Path, "campaigns.db"), Configure);
        }
        else
        {
            addCampaigns(builder.Services, Configure);
        }
        builder.Services.AddHonkServer(o =>
        {
            o.ApiClients.Add(NewClient("lead", LeadKey, ApiClientOptions.TriggerRole, ApiClientOptions.ApproveRole));
            o.ApiClients.Add(NewClient("approver", ApproverKey, ApiClientOptions.ApproveRole));
            o.ApiClients.Add(NewClient("trigger", TriggerKey, ApiClientOptions.TriggerRole));
            o.LinkSigningKey = LinkKey;
            for (var i = 0; i < fleet.Repositories.Count; i++)
            {
                o.Repositories[$"r{i}"] = targets?[i] ?? fleet.Repositories[i].Path;
            }

            o.Access.Approvers.Add(Reviewer);

            // Four eyes: whoever started a campaign does not approve its waves.
            o.Access.RequesterMayApprove = false;
        });
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapHonk();
        await app.StartAsync(ct);
        return new CampaignHostApp(app, data);
    }

    /// <summary>A campaign file over the named repositories r0…r(n-1).</summary>
    public static string CampaignFileText(int repositories, string frontMatter)
        => $"---\ntitle: Client v2\ntargets: [{string.Join(", ", Enumerable.Range(0, repositories).Select(i => $"r{i}"))}]\n{frontMatter}\n---\nMove the client to version 2.\n";

    public HttpRequestMessage Api(HttpMethod method, string path, string? key = LeadKey, string? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "text/markdown");
        }

        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return request;
    }

    /// <summary>A signed link to a campaign's page for <paramref name="subject"/>.</summary>
    public Uri PageLink(string campaignId, string subject)
        => new(BaseUrl, $"review/campaigns/{campaignId}?t={Uri.EscapeDataString(new ReviewLinks(LinkKey).CreateSessionToken("campaign:" + campaignId, subject, TimeSpan.FromHours(1)))}");

    public async Task<(HttpResponseMessage Response, JsonElement Json)> SendAsync(HttpRequestMessage request)
    {
        var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Waits until the campaign is in <paramref name="status"/> and no drive is running it; bounded by a generous hang limit.</summary>
    public async Task<CampaignReport> WaitForAsync(string id, string status)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var report = await Campaigns.ReportAsync(id, TestContext.Current.CancellationToken);
            if (report?.Status == status && report.Repositories.All(r => r.Status is not (CampaignStatus.Queued or CampaignStatus.RepositoryRunning)))
            {
                return report;
            }

            if (watch.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException($"Campaign {id} is {report?.Status} ({string.Join(", ", report?.Repositories.Select(r => r.Status) ?? [])}), not {status}, after {watch.Elapsed.TotalSeconds:0} s: {report?.Message}");
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _data.Dispose();
    }

    private static ApiClientOptions NewClient(string name, string key, params string[] roles)
    {
        var client = new ApiClientOptions { Name = name, Key = key };
        foreach (var role in roles)
        {
            client.Roles.Add(role);
        }

        return client;
    }
}
