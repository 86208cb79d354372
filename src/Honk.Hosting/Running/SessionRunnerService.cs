using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Honk.Hosting;

/// <summary>
/// Runs queued sessions in the background, at most <see cref="HonkHostOptions.MaxConcurrency"/> at a time. On start
/// it recovers: sessions this host was running before a crash are re-run from the start on a fresh workspace (side
/// effects are not repeated: the effects ledger remembers them), and sessions whose host died are taken over once
/// their lease runs out.
/// </summary>
public sealed partial class SessionRunnerService : BackgroundService
{
    private readonly HonkHost _host;
    private readonly ISessionExecutor _executor;
    private readonly ILogger _logger;
    private readonly List<Task> _runs = [];

    // For what the host writes itself: the built-in secret formats and the host's secret-looking variables.
    private readonly Transcripts.SecretRedactor _hostRedactor = Transcripts.SecretRedactor.Create();

    /// <summary>Creates the runner.</summary>
    /// <param name="host">The host (store, options, cancel registry).</param>
    /// <param name="executor">Turns a session into a run.</param>
    /// <param name="logger">Logging; none when <see langword="null"/>.</param>
    public SessionRunnerService(HonkHost host, ISessionExecutor executor, ILogger<SessionRunnerService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(executor);
        _host = host;
        _executor = executor;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = _host.Options;
        var store = _host.Store;
        await store.InitializeAsync(stoppingToken).ConfigureAwait(false);
        var released = await store.ReleaseLeasesAsync(options.HostId, stoppingToken).ConfigureAwait(false);
        if (released > 0)
        {
            LogRecovering(_logger, released, options.HostId);
        }

        using var slots = new SemaphoreSlim(options.MaxConcurrency);
        var claim = new SessionClaim(options.HostId, options.LeaseDuration) { SerializePerRepository = options.SerializePerRepository };
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                SessionRecord? claimed = null;
                try
                {
                    claimed = await store.ClaimNextAsync(claim, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogClaimFailed(_logger, ex);
                }

                if (claimed is null)
                {
                    slots.Release();
                    await _host.WorkPulse.WaitAsync(options.PollInterval, _host.Time, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                var run = RunOneAsync(claimed, stoppingToken);
                lock (_runs)
                {
                    _runs.RemoveAll(t => t.IsCompleted);
                    _runs.Add(run);
                }

                _ = run.ContinueWith(_ => ReleaseSlot(slots), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the runs below see the same token and hand their sessions back.
        }
        finally
        {
            Task[] runs;
            lock (_runs)
            {
                runs = [.. _runs];
            }

            await Task.WhenAll(runs).ConfigureAwait(false);
            if (runs.Length > 0)
            {
                // What was running is handed back at once, so the next start (or another host) re-runs it.
                await store.ReleaseLeasesAsync(options.HostId, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static void ReleaseSlot(SemaphoreSlim slots)
    {
        try
        {
            slots.Release();
        }
        catch (ObjectDisposedException)
        {
            // The loop has ended; nobody waits for the slot any more.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recovering {Count} session(s) host {HostId} was running before it stopped")]
    private static partial void LogRecovering(ILogger logger, int count, string hostId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Claiming the next session failed; retrying")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Session {SessionId} failed in its executor")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, string sessionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId}: this host lost its lease; another host runs it now")]
    private static partial void LogLeaseLost(ILogger logger, string sessionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Session {SessionId}: storing its end failed")]
    private static partial void LogCompleteFailed(ILogger logger, Exception exception, string sessionId);
}
