using System.Diagnostics;
using Honk.Delivery.Tests.GitHub;

namespace Honk.Cli.Tests;

/// <summary>
/// <c>honk serve</c> on a state folder, killed with SIGKILL right after a fake service (GitHub, Slack) handled an armed
/// request — after the effect happened and before Honk heard the answer — and started again on the same state: the
/// machinery of the kill tests, which each arm their own requests.
/// </summary>
internal sealed class ServeKillSwitch(string root, IDictionary<string, string?> environment, string[] arguments) : IAsyncDisposable
{
    private int _armed;
    private Func<RecordedRequest, bool>? _killWhen;

    /// <summary>The running (or killed) server.</summary>
    public ServeProcess Serve { get; private set; } = null!;

    /// <summary>Kills the server right after the next request that matches <paramref name="when"/> (once).</summary>
    public void Arm(Func<RecordedRequest, bool> when)
    {
        _killWhen = when;
        Volatile.Write(ref _armed, 1);
    }

    /// <summary>Give this to the fake service: it runs after each request was handled.</summary>
    public void AfterHandled(RecordedRequest request)
    {
        if (_killWhen is { } when && when(request) && Interlocked.Exchange(ref _armed, 0) == 1)
        {
            Serve?.KillNow();
        }
    }

    public async Task StartAsync() => Serve = await ServeProcess.StartAsync(root, environment, arguments);

    /// <summary>Waits for the armed kill to happen, then starts honk serve again on the same state (optionally arming the next kill first).</summary>
    public async Task RestartAfterKillAsync(Func<RecordedRequest, bool>? arm = null)
    {
        var watch = Stopwatch.StartNew();
        while (Volatile.Read(ref _armed) == 1 || !Serve.HasExited)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromMinutes(4), "The armed kill did not happen." + Serve.Output);
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        await Serve.DisposeAsync();
        if (arm is not null)
        {
            Arm(arm);
        }

        await StartAsync();
    }

    public ValueTask DisposeAsync() => Serve?.DisposeAsync() ?? ValueTask.CompletedTask;
}
