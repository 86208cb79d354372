using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Honk.Hosting;
using Honk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Honk.Server.Tests;

/// <summary>
/// A tool, a validator and a delivery channel registered once with <c>AddHonk()</c> take part in sessions started
/// through the host's HTTP API on loopback: in an app embedding the host as docs/server.md shows
/// (<c>AddHonkHosting().UseSqlite()</c> + <c>MapHonk()</c>), and in <c>honk serve</c>'s own composition
/// (<see cref="HonkServer.CreateBuilder(string[], HonkServerStartup)"/>).
/// </summary>
public sealed class EmbeddedServerTests : IAsyncLifetime
{
    private const string Key = "embedded-api-key-0123456789abcdef";
    private readonly TemporaryDirectory _folder = new("honk-embedded-server");
    private readonly Extensions _extensions = new();
    private TemporaryGitRepository _repo = null!;
    private string _script = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _repo = await TemporaryGitRepository.CreateAsync(cancellationToken: Ct);
        await _repo.CommitFilesAsync(new Dictionary<string, string> { ["notes.txt"] = "draft\n" }, "notes", Ct);
        _script = _folder.WriteFile("fix.json", """
            { "turns": [
              { "toolCalls": [ { "name": "ticket", "arguments": { "id": "HONK-1" } } ] },
              { "toolCalls": [ { "name": "write_file", "arguments": { "path": "notes.txt", "content": "final\n" } } ] },
              { "text": "notes.txt is final, as HONK-1 asks." } ] }
            """);
    }

    public async ValueTask DisposeAsync()
    {
        await _repo.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task EmbeddingApp_AsDocumented_RunsTheAppsToolValidatorAndChannel_ThroughTheApi()
    {
        // docs/server.md's embedding snippet, with a scripted model and loopback.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Honk:Model"] = "script:" + _script });
        var honk = builder.Services.AddHonk(builder.Configuration)
            .AddHonkDefaults(Isolated);
        _extensions.AddTo(honk);
        builder.Services.AddHonkHosting().UseSqlite(_folder.Combine("honk.db"));
        builder.Services.AddHonkServer(o =>
        {
            o.ApiClients.Add(new ApiClientOptions { Name = "ci", Key = Key, Roles = { ApiClientOptions.TriggerRole } });
            o.Repositories["app"] = _repo.Path;
        });
        var app = builder.Build();
        app.MapHonk();
        await using (app)
        {
            await app.StartAsync(Ct);
            await RunThroughTheApiAsync(app);
            await app.StopAsync(Ct);
        }
    }

    [Fact]
    public async Task HonkServe_Composition_TakesTheAppsRegistrations_ThroughTheApi()
    {
        string[] args =
        [
            "--urls=http://127.0.0.1:0", $"--Honk:StateDirectory={_folder.Combine("state")}", $"--Honk:Model=script:{_script}",
            "--Honk:ApiClients:0:Name=ci", $"--Honk:ApiClients:0:Key={Key}", "--Honk:ApiClients:0:Roles:0=trigger",
            $"--Honk:Repositories:app={_repo.Path}", "--Honk:AllowUnsandboxed=true", "--Honk:Loop:Budget:MaxTurns=7",
        ];
        var builder = HonkServer.CreateBuilder(args, new HonkServerStartup());
        builder.Logging.ClearProviders();

        // Registered once, after the server's own composition: they join every hosted session.
        _extensions.AddTo(builder.Services.AddHonk());
        var app = builder.Build();
        app.MapHonk();
        await using (app)
        {
            // The Honk section holds the server's keys too; only HonkOptions' own reach AddHonk(configuration).
            Assert.Equal(7, app.Services.GetRequiredService<IOptions<HonkOptions>>().Value.Loop.Budget.MaxTurns);
            await app.StartAsync(Ct);
            await RunThroughTheApiAsync(app);
            await app.StopAsync(Ct);
        }
    }

    [Fact]
    public async Task MapHonk_WithoutAHost_SaysWhatToAdd()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddHonkServer();
        await using var app = builder.Build();

        var ex = Assert.Throws<InvalidOperationException>(() => app.MapHonk());
        Assert.Contains("AddHonkHosting().UseSqlite", ex.Message, StringComparison.Ordinal);
    }

    private void Isolated(HonkDefaultsOptions d)
    {
        // bubblewrap is used when it works here; the test must not fail on a machine where it cannot.
        d.AllowUnsandboxed = true;
        d.AllowValidatorNetwork = false;
        d.Workspace.CacheRoot = _folder.Combine("cache");
        d.Workspace.WorktreesRoot = _folder.Combine("worktrees");
    }

    private async Task RunThroughTheApiAsync(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address + "/"), Timeout = TimeSpan.FromMinutes(3) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);

        using var created = await client.PostAsync("api/sessions", new StringContent("""{"repository":"app","task":"Make notes.txt final (HONK-1)."}""", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("id").GetString();

        // The event stream ends when the session does.
        var stream = await client.GetStringAsync($"api/sessions/{id}/events", Ct);
        Assert.Contains("event: tool_result", stream, StringComparison.Ordinal);
        Assert.Contains("event: session_completed", stream, StringComparison.Ordinal);
        Assert.EndsWith("event: end\ndata: {}\n\n", stream, StringComparison.Ordinal);

        var session = JsonDocument.Parse(await client.GetStringAsync($"api/sessions/{id}", Ct)).RootElement;
        var result = session.GetProperty("result");
        Assert.True(result.GetProperty("status").GetString() == "succeeded", result.GetRawText());
        Assert.Equal(1, _extensions.TicketCalls);
        Assert.Contains(result.GetProperty("validators").EnumerateArray(), v => v.GetProperty("name").GetString() == "no-draft" && v.GetProperty("passed").GetBoolean());
        Assert.True(_extensions.Validator.Calls > 0);
        var delivered = Assert.Single(_extensions.Channel.Deliveries);
        Assert.Equal(id, delivered.SessionId);

        // The app's channel delivered through the host's effects ledger, once.
        var effect = await app.Services.GetRequiredService<HonkHost>().Store.GetEffectAsync(id!, "delivery:release-note", Ct);
        Assert.Equal(EffectState.Succeeded, effect?.State);
    }

    /// <summary>The app's own tool, validator and channel, counting their calls.</summary>
    private sealed class Extensions
    {
        private int _ticketCalls;

        public int TicketCalls => _ticketCalls;

        public FakeValidator Validator { get; } = new("no-draft", ValidationResult.Success("no draft left"));

        public RecordingDeliveryChannel Channel { get; } = new("release-note");

        public void AddTo(IHonkBuilder honk) => honk
            .WithTools(AIFunctionFactory.Create((string id) => { Interlocked.Increment(ref _ticketCalls); return $"{id}: make notes.txt final"; }, "ticket", "Reads a ticket."))
            .WithValidator(Validator)
            .WithDelivery(Channel);
    }
}
