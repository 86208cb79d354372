using Honk.Models;
using Honk.Tasks;
using Honk.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Honk.Hosting.Tests;

/// <summary>
/// <c>AddHonkHosting().UseSqlite()</c> in an app's own generic host: the store is created at start, the runner claims
/// submitted sessions and composes them from the app's <c>AddHonk()</c> registrations (its tool and channel, the
/// guards, the standard prompt and the price table, so a cost budget trips).
/// </summary>
public sealed class EmbeddedHostingTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new("honk-embedded-hosting");
    private TemporaryGitRepository _repo = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _repo = await TemporaryGitRepository.CreateAsync(cancellationToken: Ct);
        await _repo.CommitFilesAsync(new Dictionary<string, string> { ["notes.txt"] = "draft\n" }, "notes", Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _repo.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    [Fact]
    public async Task AddHonkHosting_UseSqlite_RunsSessionsComposedFromTheAppsRegistrations()
    {
        var script = _directory.WriteFile("fix.json", """
            { "turns": [
              { "toolCalls": [ { "name": "ticket", "arguments": { "id": "HONK-1" } } ] },
              { "toolCalls": [ { "name": "write_file", "arguments": { "path": "notes.txt", "content": "final\n" } } ] },
              { "text": "notes.txt is final, as HONK-1 asks." } ] }
            """);
        var channel = new RecordingDeliveryChannel("release-note");
        var ticketCalls = 0;
        using var app = Build(
            honk => honk
                .WithTools(AIFunctionFactory.Create((string id) => { Interlocked.Increment(ref ticketCalls); return $"{id}: make notes.txt final"; }, "ticket", "Reads a ticket."))
                .WithDelivery(channel),
            o => o.Model = "script:" + script);
        await app.StartAsync(Ct);

        var host = app.Services.GetRequiredService<HonkHost>();
        var id = await host.SubmitAsync(new SessionRequest { Repository = _repo.Path, Task = new CodingTask("Make notes.txt final (HONK-1)."), Delivery = [TaskDelivery.Branch] }, Ct);
        var record = await WaitAsync(host, id);
        await app.StopAsync(Ct);

        Assert.True(record.Status == HostedSessionStatus.Succeeded, $"{record.Status}: {record.Result?.Message}");
        Assert.Equal(1, ticketCalls);
        Assert.Contains(record.Result!.Deliveries, d => d.Channel == "release-note" && d.Succeeded);
        Assert.Contains(record.Result.Deliveries, d => d.Channel == "branch" && d.Succeeded);
        Assert.Single(channel.Deliveries);

        // The effects ledger recorded the app's own channel, and the standard prompt and the guards took part.
        Assert.NotNull(await host.Store.GetEffectAsync(id, "delivery:release-note", Ct));
        var events = await host.Store.ReadEventsAsync(id, 0, 1000, Ct);
        Assert.NotEqual("honk-default-1", Assert.Single(events.OfType<SessionStarted>()).PromptVersion);
        Assert.Contains(record.Result.Verdicts, v => v.Judge == Review.TestIntegrityGuard.GuardName);
    }

    [Fact]
    public async Task HostedSession_HasThePriceTable_SoACostBudgetTrips()
    {
        var script = _directory.WriteFile("spend.json", """
            { "turns": [
              { "toolCalls": [ { "name": "read_file", "arguments": { "path": "notes.txt" } } ], "usage": { "inputTokens": 2000000, "outputTokens": 10 } },
              { "text": "Done." } ] }
            """);
        using var app = Build(_ => { }, o =>
        {
            o.Model = "script:" + script;
            o.Loop.Budget = Budget.Default with { MaxCostUsd = 0.5m };
            o.PriceOverrides["script:spend.json"] = new ModelPriceSetting { Input = 3m, Output = 15m };
        });
        await app.StartAsync(Ct);

        var host = app.Services.GetRequiredService<HonkHost>();
        var id = await host.SubmitAsync(new SessionRequest { Repository = _repo.Path, Task = new CodingTask("Read notes.txt."), Delivery = [] }, Ct);
        var record = await WaitAsync(host, id);
        await app.StopAsync(Ct);

        Assert.True(record.Status == HostedSessionStatus.BudgetExceeded, $"{record.Status}: {record.Result?.Message}");
        Assert.Contains("$0.50", record.Result!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddHonkHosting_WithoutAStore_FailsAtStartSayingWhatToAdd()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddHonk(o => o.ModelChosenPerSession = true).AddHonkDefaults();
        builder.Services.AddHonkHosting();
        using var app = builder.Build();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync(Ct));
        Assert.Contains("UseSqlite", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddHonkHosting_UsePostgreSql_RunsASession()
    {
        if (string.IsNullOrWhiteSpace(PostgreSqlSessionStoreTests.ConnectionString))
        {
            Assert.Skip("Set HONK_TEST_POSTGRES to an Npgsql connection string to run the PostgreSQL hosting test.");
        }

        var script = _directory.WriteFile("pg.json", """
            { "turns": [
              { "toolCalls": [ { "name": "write_file", "arguments": { "path": "notes.txt", "content": "final\n" } } ] },
              { "text": "notes.txt is final." } ] }
            """);
        var schema = "honk_hosting_" + Guid.NewGuid().ToString("N")[..12];
        using var app = Build(_ => { }, o => o.Model = "script:" + script, hosting => hosting.UsePostgreSql(PostgreSqlSessionStoreTests.ConnectionString!, schema));
        await app.StartAsync(Ct);

        var host = app.Services.GetRequiredService<HonkHost>();
        Assert.IsType<PostgreSql.PostgreSqlSessionStore>(host.Store);
        var id = await host.SubmitAsync(new SessionRequest { Repository = _repo.Path, Task = new CodingTask("Make notes.txt final."), Delivery = [TaskDelivery.Branch] }, Ct);
        var record = await WaitAsync(host, id);
        await app.StopAsync(Ct);

        Assert.True(record.Status == HostedSessionStatus.Succeeded, $"{record.Status}: {record.Result?.Message}");
    }

    private IHost Build(Action<IHonkBuilder> extend, Action<HonkOptions> options, Action<IHonkHostingBuilder>? store = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        var honk = builder.Services.AddHonk(options)
            .AddHonkDefaults(d =>
            {
                d.AllowUnsandboxed = true;
                d.AllowValidatorNetwork = false;
                d.Workspace.CacheRoot = Path.Combine(_directory.Path, "cache");
                d.Workspace.WorktreesRoot = Path.Combine(_directory.Path, "worktrees");
            });
        extend(honk);
        var hosting = builder.Services.AddHonkHosting(o => o.PollInterval = TimeSpan.FromMilliseconds(50));
        if (store is null)
        {
            hosting.UseSqlite(Path.Combine(_directory.Path, "honk.db"));
        }
        else
        {
            store(hosting);
        }

        return builder.Build();
    }

    private static async Task<SessionRecord> WaitAsync(HonkHost host, string id)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var record = (await host.GetAsync(id, Ct))!;
            if (record.Status.IsFinal() || DateTime.UtcNow > deadline)
            {
                return record;
            }

            await Task.Delay(50, Ct);
        }
    }
}
