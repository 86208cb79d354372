using System.Globalization;

namespace Honk.Hosting;

/// <summary>One claimed session: heartbeat, run, and record its end (unless the host is stopping or lost the lease).</summary>
public sealed partial class SessionRunnerService
{
    private async Task RunOneAsync(SessionRecord session, CancellationToken stoppingToken)
    {
        await Task.Yield();
        var store = _host.Store;
        var hostId = _host.Options.HostId;
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var heartbeatStop = new CancellationTokenSource();
        var lost = false;
        var cancelRequested = session.CancelRequested;
        _host.Register(session.Id, run);
        var heartbeat = HeartbeatAsync();
        try
        {
            if (cancelRequested)
            {
                await CompleteAsync(Cancelled(session.Id, "Cancelled before it started.")).ConfigureAwait(false);
                return;
            }

            var baseSequence = session.LastSequence;
            if (baseSequence > 0
                && (await store.ReadEventsAsync(session.Id, baseSequence - 1, 1, run.Token).ConfigureAwait(false)) is [SessionCompleted finished])
            {
                // The last safe point: the earlier attempt ended (its completion is stored) but the host died before
                // recording the status. Record it now instead of running again.
                await CompleteAsync(finished.Result).ConfigureAwait(false);
                return;
            }

            if (session.Attempts > 1)
            {
                var notice = new SessionNotice("warning", string.Create(CultureInfo.InvariantCulture, $"Attempt {session.Attempts}: the host stopped during an earlier attempt; the session runs again from the start on a fresh workspace. Side effects already made are not repeated."))
                {
                    SessionId = session.Id,
                    Sequence = baseSequence + 1,
                    Timestamp = _host.Time.GetUtcNow(),
                };
                await store.AppendEventAsync(notice, run.Token).ConfigureAwait(false);
                baseSequence++;
            }

            // A host that is stopping (not cancelling) must not record the run's "cancelled" end: the session is re-run.
            var sink = new StoreEventSink(store, session.Id, baseSequence, e => !lost && !(e is SessionCompleted && IsStopping()), _host.EventPulse, _hostRedactor);
            SessionResult result;
            try
            {
                result = await _executor.ExecuteAsync(new SessionExecution(session, sink, store) { Inbox = _host.InboxFor(session.Id) }, run.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (run.IsCancellationRequested)
            {
                result = Cancelled(session.Id, "The session was cancelled.");
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogRunFailed(_logger, ex, session.Id);
                result = new SessionResult { SessionId = session.Id, Status = SessionStatus.Failed, Message = $"The host could not run the session: {ex.GetType().Name}: {ex.Message}" };
            }

            if (lost || IsStopping())
            {
                return;
            }

            // A cancel through this host's HonkHost cancels the run directly, without a lease renewal in between.
            cancelRequested |= run.IsCancellationRequested;

            if (cancelRequested && result.Status != SessionStatus.Cancelled)
            {
                result = result with { Status = SessionStatus.Cancelled, Message = "The session was cancelled." };
            }

            if (!sink.SawCompletion)
            {
                await sink.AppendOwnAsync(new SessionCompleted(result), _host.Time, CancellationToken.None).ConfigureAwait(false);
            }

            await CompleteAsync(result).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Storing failed (the database is down): the lease runs out and the session is re-run later.
            LogCompleteFailed(_logger, ex, session.Id);
        }
        finally
        {
            _host.Unregister(session.Id);
            _host.DropInbox(session.Id);
            await heartbeatStop.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
            _host.EventPulse.Pulse();
            _host.WorkPulse.Pulse();
        }

        bool IsStopping() => stoppingToken.IsCancellationRequested && !cancelRequested;

        async Task CompleteAsync(SessionResult result)
        {
            // A session's own result is already redacted; the host's (a failure to start, a cancel) may quote a URL with credentials.
            if (!await store.CompleteAsync(session.Id, hostId, _hostRedactor.RedactResult(result), CancellationToken.None).ConfigureAwait(false))
            {
                LogLeaseLost(_logger, session.Id);
            }
        }

        async Task HeartbeatAsync()
        {
            var every = _host.Options.LeaseDuration / 3;
            while (!heartbeatStop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(every, _host.Time, heartbeatStop.Token).ConfigureAwait(false);
                    var renewal = await store.RenewLeaseAsync(session.Id, hostId, _host.Options.LeaseDuration, heartbeatStop.Token).ConfigureAwait(false);
                    if (renewal == LeaseRenewal.Lost)
                    {
                        lost = true;
                        LogLeaseLost(_logger, session.Id);
                        await run.CancelAsync().ConfigureAwait(false);
                        return;
                    }

                    if (renewal == LeaseRenewal.CancelRequested && !cancelRequested)
                    {
                        cancelRequested = true;
                        await run.CancelAsync().ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // A failed renewal is retried at the next beat; the lease has slack for two misses.
                    LogClaimFailed(_logger, ex);
                }
            }
        }
    }

    private static SessionResult Cancelled(string id, string message) => new() { SessionId = id, Status = SessionStatus.Cancelled, Message = message };
}
