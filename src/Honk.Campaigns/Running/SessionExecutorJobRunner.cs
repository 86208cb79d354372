using Honk.Hosting;

namespace Honk.Campaigns;

/// <summary>
/// Runs a campaign job through the host's <see cref="ISessionExecutor"/> (the same composition as a hosted session):
/// events go to the session store under the job's session id, deliveries through its effects ledger, so a job run
/// again after a worker died never pushes twice.
/// </summary>
public sealed class SessionExecutorJobRunner : ICampaignJobRunner
{
    /// <summary>Events of attempt <c>n</c> are numbered from <c>(n - 1) × this</c>, so attempts never overwrite each other.</summary>
    internal const long SequencesPerAttempt = 1_000_000;

    private readonly ISessionExecutor _executor;
    private readonly ISessionStore _sessions;

    /// <summary>Creates the runner.</summary>
    /// <param name="executor">Composes and runs one session.</param>
    /// <param name="sessions">Holds the sessions' events and the effects ledger (SQLite on one machine, PostgreSQL for workers).</param>
    public SessionExecutorJobRunner(ISessionExecutor executor, ISessionStore sessions)
    {
        ArgumentNullException.ThrowIfNull(executor);
        ArgumentNullException.ThrowIfNull(sessions);
        _executor = executor;
        _sessions = sessions;
    }

    /// <inheritdoc />
    public Task<SessionResult> RunAsync(CampaignJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        var request = new SessionRequest
        {
            Repository = job.Repository,
            Task = job.Spec.Task,
            Model = job.Spec.Model,
            JudgeModel = job.Spec.JudgeModel,
            Delivery = job.Spec.Delivery,
            Branch = job.Branch,
            Requester = job.Spec.Task.Requester,
        };
        var now = DateTimeOffset.UtcNow;
        var record = new SessionRecord
        {
            Id = job.SessionId,
            Request = request,
            Branch = job.Branch,
            Status = HostedSessionStatus.Running,
            CreatedAt = now,
            UpdatedAt = now,
            StartedAt = now,
            Attempts = job.Attempt,
        };
        var events = new CampaignEventSink(_sessions, job.SessionId, (job.Attempt - 1) * SequencesPerAttempt);
        return _executor.ExecuteAsync(new SessionExecution(record, events, _sessions), cancellationToken);
    }
}
