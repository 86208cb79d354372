using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Honk.Server;

/// <summary>
/// Waits in the background for sessions to complete and answers where they came from (Slack thread, GitHub comment),
/// each answer at most once through the host's effects ledger. Stops when the application stops.
/// </summary>
internal sealed class ReplyScheduler
{
    private readonly ISessionGateway _gateway;
    private readonly ILogger<ReplyScheduler> _logger;
    private readonly CancellationToken _stopping;
    private int _pending;

    public ReplyScheduler(ISessionGateway gateway, ILogger<ReplyScheduler> logger, IHostApplicationLifetime lifetime)
    {
        _gateway = gateway;
        _logger = logger;
        _stopping = lifetime.ApplicationStopping;
    }

    /// <summary>Replies still waiting for their session.</summary>
    public int Pending => Volatile.Read(ref _pending);

    public void WhenCompleted(string sessionId, string effectKey, Func<SessionView, CancellationToken, Task<string>> reply)
        => AfterCompleted(sessionId, effectKey, (view, ct) => _gateway.RunEffectOnceAsync(sessionId, effectKey, async c => await reply(view, c).ConfigureAwait(false), ct).AsTask());

    /// <summary>Runs <paramref name="then"/> once the session has completed; it keeps its own at-most-once record.</summary>
    public void AfterCompleted(string sessionId, string what, Func<SessionView, CancellationToken, Task> then)
    {
        Interlocked.Increment(ref _pending);
        _ = Task.Run(() => RunAsync(sessionId, what, then), CancellationToken.None);
    }

    private async Task RunAsync(string sessionId, string effectKey, Func<SessionView, CancellationToken, Task> reply)
    {
        try
        {
            await foreach (var e in _gateway.ReadEventsAsync(sessionId, 0, _stopping).ConfigureAwait(false))
            {
                _ = e;
            }

            var view = await _gateway.GetAsync(sessionId, _stopping).ConfigureAwait(false);
            if (view?.Result is null)
            {
                return;
            }

            await reply(view, _stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Shutting down: the host's own notification channels or a restart pick the answer up.
        }
#pragma warning disable CA1031 // A failed reply must not crash the host; it is logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            ServerLog.ReplyFailed(_logger, ex, effectKey, sessionId);
        }
        finally
        {
            Interlocked.Decrement(ref _pending);
        }
    }
}
