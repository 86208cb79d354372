using Honk.Tasks;
using Honk.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Honk.Hosting.Tests;

/// <summary>Hosted sessions are composed from the app's <c>AddHonk()</c> registrations: its tool, validator and channel take part.</summary>
public sealed class HostedCompositionTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new("honk-hosted-composition");
    private TemporaryGitRepository _repo = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _repo = await TemporaryGitRepository.CreateAsync(cancellationToken: Ct);
        await _repo.CommitFilesAsync(new Dictionary<string, string> { ["notes.txt"] = "draft\n" }, "notes", Ct);
        _directory.WriteFile("fix.json", """
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
        _directory.Dispose();
    }

    [Fact]
    public async Task HostedSession_RunsTheAppsToolValidatorAndChannel_WithTheAppsLoggerFactory()
    {
        var ticketCalls = 0;
        var validator = new CountingValidator();
        var channel = new RecordingDeliveryChannel();
        ILoggerFactory? sessionLoggers = null;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHonk(o => o.ModelChosenPerSession = true)
            .AddHonkDefaults(d =>
            {
                d.AllowUnsandboxed = true;
                d.Workspace.CacheRoot = Path.Combine(_directory.Path, "cache");
                d.Workspace.WorktreesRoot = Path.Combine(_directory.Path, "worktrees");
            })
            .WithTools(AIFunctionFactory.Create((string id) => { Interlocked.Increment(ref ticketCalls); return $"{id}: make notes.txt final"; }, "ticket", "Reads a ticket."))
            .WithValidator(validator)
            .WithDelivery(channel)
            .WithSessionContributor(new LoggerProbe(f => sessionLoggers = f));
        await using var provider = services.BuildServiceProvider();
        var store = new SqliteSessionStore(Path.Combine(_directory.Path, "honk.db"));
        await store.InitializeAsync(Ct);
        var host = new HonkHost(store, new HonkHostOptions { PollInterval = TimeSpan.FromMilliseconds(50) });
        var composer = new SessionComposer(provider, new SessionComposerOptions { DefaultModel = "script:" + Path.Combine(_directory.Path, "fix.json") });
        var id = await host.SubmitAsync(new SessionRequest { Repository = _repo.Path, Task = new CodingTask("Make notes.txt final (HONK-1)."), Delivery = [TaskDelivery.Branch] }, Ct);

        using (var runner = new SessionRunnerService(host, composer))
        {
            await runner.StartAsync(Ct);
            while (!(await host.GetAsync(id, Ct))!.Status.IsFinal())
            {
                await Task.Delay(50, Ct);
            }

            await runner.StopAsync(Ct);
        }

        var record = (await host.GetAsync(id, Ct))!;
        Assert.True(record.Status == HostedSessionStatus.Succeeded, $"{record.Status}: {record.Result?.Message}");
        Assert.Equal(1, ticketCalls);
        Assert.True(validator.Calls > 0, "the app's validator ran at the stop gate");
        Assert.Single(channel.Deliveries);
        Assert.Contains(record.Result!.Deliveries, d => d.Channel == channel.Name && d.Succeeded);
        Assert.Same(provider.GetRequiredService<ILoggerFactory>(), sessionLoggers);
    }

    private sealed class CountingValidator : Validator
    {
        private int _calls;

        public int Calls => _calls;

        public override string Name => "counting";

        protected override ValueTask<ValidationResult> ValidateCoreAsync(ValidationContext context, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return ValueTask.FromResult(ValidationResult.Success("counted"));
        }
    }

    private sealed class LoggerProbe(Action<ILoggerFactory?> seen) : ISessionContributor
    {
        public int Order => SessionContributorOrder.Wrap;

        public ValueTask ContributeAsync(SessionSetup setup, CancellationToken cancellationToken = default)
        {
            seen(setup.Options.LoggerFactory);
            return ValueTask.CompletedTask;
        }
    }
}
