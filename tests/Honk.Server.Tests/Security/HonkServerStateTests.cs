using System.Net;
using System.Runtime.Versioning;
using System.Text.Json;
using Honk.Hosting;
using Honk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Honk.Server.Tests;

/// <summary>The composed host of <c>honk serve</c> (<see cref="HonkServer.CreateBuilder(string[], HonkServerStartup)"/>): its state folder, replay ids across restarts, sandboxes.</summary>
[Trait("Category", "Security")]
[UnsupportedOSPlatform("windows")]
public sealed class HonkServerStateTests : IDisposable
{
    private const string Secret = "github-secret-for-restart-tests";
    private readonly TemporaryDirectory _folder = new("honk-serve-state");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task ReplayedGitHubDelivery_AfterARestart_IsStillRefused()
    {
        var state = _folder.Combine("state");
        var body = GitHubPayloads.IssueComment("@honk fix it", "octocat");
        await using (var first = await StartAsync(state))
        {
            using var delivered = await first.Client.SendAsync(ServerApp.GitHubRequest("issue_comment", body, "delivery-42", Secret), Ct);
            Assert.Equal(HttpStatusCode.Accepted, delivered.StatusCode);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using var restarted = await StartAsync(state);
        using var replayed = await restarted.Client.SendAsync(ServerApp.GitHubRequest("issue_comment", body, "delivery-42", Secret), Ct);
        Assert.Equal(HttpStatusCode.Conflict, replayed.StatusCode);
        Assert.Single(await restarted.Host.ListAsync(cancellationToken: Ct));

        // The same signed comment under a new delivery id (a header the signature does not cover) is the same replay.
        using var renamed = await restarted.Client.SendAsync(ServerApp.GitHubRequest("issue_comment", body, "delivery-43", Secret), Ct);
        Assert.Equal(HttpStatusCode.Conflict, renamed.StatusCode);
        Assert.Single(await restarted.Host.ListAsync(cancellationToken: Ct));

        var another = GitHubPayloads.IssueComment("@honk fix it", "octocat");
        using var fresh = await restarted.Client.SendAsync(ServerApp.GitHubRequest("issue_comment", another, "delivery-44", Secret), Ct);
        Assert.Equal(HttpStatusCode.Accepted, fresh.StatusCode);
    }

    [Fact]
    public async Task StateFolder_IsPrivate_AndTheHostIdIsItsOwn()
    {
        var state = _folder.Combine("private");
        await using var app = await StartAsync(state);
        app.Services.GetRequiredService<HonkStateFolder>().TightenFiles();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(state));
        Assert.Contains(Path.Combine(state, "link-signing.key"), Directory.GetFiles(state));
        Assert.All(Directory.GetFiles(state), f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));
        Assert.False(Directory.Exists(Path.Combine(Environment.CurrentDirectory, ".honk")) && Directory.GetLastWriteTimeUtc(Path.Combine(Environment.CurrentDirectory, ".honk")) > DateTime.UtcNow.AddMinutes(-1));

        await using var second = await StartAsync(_folder.Combine("other"));
        Assert.NotEqual(app.Host.Options.HostId, second.Host.Options.HostId);
    }

    [Fact]
    public async Task StateFolder_IsHiddenFromTheSessionsSandbox()
    {
        // Outside /tmp on purpose: the sandbox's private /tmp would hide a temp folder anyway, and the test must be able to fail.
        var state = Path.Combine(AppContext.BaseDirectory, "state-" + Guid.NewGuid().ToString("N")[..8]);
        var repo = await TemporaryGitRepository.CreateAsync(cancellationToken: Ct);
        await using var repoCleanup = repo;
        try
        {
            var script = _folder.WriteFile("peek.json", JsonSerializer.Serialize(new
            {
                turns = new object[]
                {
                    new { toolCalls = new[] { new { name = "run_command", arguments = new { command = $"cat {state}/link-signing.key" } } } },
                    new { text = "Looked." },
                },
            }));
            await using var app = await StartAsync(state, $"--Honk:Model=script:{script}", $"--Honk:Repositories:app={repo.Path}");
            var key = File.ReadAllText(Path.Combine(state, "link-signing.key")).Trim();
            var id = await app.Host.SubmitAsync(new SessionRequest { Repository = repo.Path, Task = new CodingTask("peek") }, Ct);
            var record = await WaitAsync(app.Host, id);

            var events = await app.Host.Store.ReadEventsAsync(id, 0, 1000, Ct);
            var tool = Assert.Single(events.OfType<ToolCallCompleted>(), e => e.Name == "run_command");
            Assert.DoesNotContain(key, tool.Result, StringComparison.Ordinal);
            Assert.Contains("No such file", tool.Result, StringComparison.Ordinal);
            Assert.True(record.Status.IsFinal());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(state, recursive: true);
        }
    }

    private static async Task<SessionRecord> WaitAsync(HonkHost host, string id)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var record = await host.GetAsync(id, Ct);
            if (record!.Status.IsFinal() || DateTime.UtcNow > deadline)
            {
                return record;
            }

            await Task.Delay(100, Ct);
        }
    }

    private static async Task<Running> StartAsync(string state, params string[] more)
    {
        string[] args =
        [
            "--urls=http://127.0.0.1:0", $"--Honk:StateDirectory={state}", $"--Honk:GitHubWebhookSecret={Secret}",
            "--Honk:Access:Triggerers:0=github:octocat", "--Honk:AllowedRemotes:0=https://github.com/octo/", .. more,
        ];
        var builder = HonkServer.CreateBuilder(args, new HonkServerStartup());
        builder.Logging.ClearProviders();
        var app = builder.Build();
        await app.Services.GetRequiredService<ISessionStore>().InitializeAsync(Ct);
        app.MapHonk();
        await app.StartAsync(Ct);
        return new Running(app);
    }

    private sealed class Running : IAsyncDisposable
    {
        private readonly WebApplication _app;

        public Running(WebApplication app)
        {
            _app = app;
            Client = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/") };
        }

        public HttpClient Client { get; }

        public HonkHost Host => _app.Services.GetRequiredService<HonkHost>();

        public IServiceProvider Services => _app.Services;

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
        }
    }
}
