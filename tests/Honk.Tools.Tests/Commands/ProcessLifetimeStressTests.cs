using System.Globalization;

namespace Honk.Tools.Tests.Commands;

/// <summary>
/// Sandboxed commands live until they end, their time limit or a cancellation, whatever the thread pool does. Before
/// the launcher thread, bubblewrap's <c>--die-with-parent</c> killed a command whenever the thread-pool thread that
/// started it retired (issue 11). This test project sets <c>System.Threading.ThreadPool.ThreadTimeoutMs</c> to 1 s so
/// idle pool threads retire quickly, and the test grows and shrinks the pool while commands run. Full run (200
/// commands of 5-30 s, 40 at a time) on the busy 2-core machine: see docs/benchmarks.md.
/// </summary>
[Trait("Category", "Stress")]
public sealed class ProcessLifetimeStressTests : IDisposable
{
    private const int InFlight = 40;
    private readonly TempDirectory _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task RunAsync_ManyLongCommandsWhileThreadPoolGrowsAndShrinks_NoneKilled()
    {
        await SandboxTestSupport.RequireBubblewrapAsync();
        var total = int.TryParse(Environment.GetEnvironmentVariable("HONK_STRESS_COMMANDS"), CultureInfo.InvariantCulture, out var configured) ? configured : 200;
        var runner = new SandboxedCommandRunner(_workspace.Path, new SandboxOptions { MaxProcesses = 64 });
        using var stopChurn = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var churn = Task.Run(() => ChurnThreadPoolAsync(stopChurn.Token), CancellationToken.None);
        using var gate = new SemaphoreSlim(InFlight);

        var runs = Enumerable.Range(0, total).Select(async i =>
        {
            await gate.WaitAsync(TestContext.Current.CancellationToken);
            try
            {
                // Each command starts from whatever pool thread runs this continuation, as a session's would.
                var seconds = 5 + (i * 7 % 26);
                return await Task.Run(
                    () => runner.RunAsync(
                        new CommandRequest("sleep", [seconds.ToString(CultureInfo.InvariantCulture)]) { Timeout = TimeSpan.FromMinutes(10) },
                        TestContext.Current.CancellationToken),
                    TestContext.Current.CancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        var results = await Task.WhenAll(runs);
        await stopChurn.CancelAsync();
        await churn;

        var killed = results
            .Where(r => r.ExitCode != 0 || r.KilledBySignal is not null || r.InfrastructureFailure is not null
                || r.Output.Contains("[honk] the first attempt failed", StringComparison.Ordinal))
            .Select(r => $"exit {r.ExitCode}: {r.Output}")
            .ToList();
        Assert.True(killed.Count == 0, $"{killed.Count} of {total} commands were killed unexpectedly:\n{string.Join('\n', killed.Take(5))}");
    }

    /// <summary>Raises the pool's minimum, floods it with blocking work, then lowers it and lets the extra threads retire.</summary>
    private static async Task ChurnThreadPoolAsync(CancellationToken cancellationToken)
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        try
        {
            var round = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                ThreadPool.SetMinThreads(workers + 16 + (round % 4 * 16), io);
                var burst = Enumerable.Range(0, 48 + (round % 3 * 16)).Select(i => Task.Run(() => Thread.Sleep(100 + (i % 5 * 100)), CancellationToken.None));
                await Task.WhenAll(burst);
                ThreadPool.SetMinThreads(workers, io);
                await Task.Delay(TimeSpan.FromSeconds(1.5 + (round % 3)), cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
                round++;
            }
        }
        finally
        {
            ThreadPool.SetMinThreads(workers, io);
        }
    }
}
