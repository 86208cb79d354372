namespace Honk.Campaigns;

/// <summary>
/// Runs one repository's session. The seam between campaigns and the session composition: the CLI and workers wire
/// it once (see <see cref="SessionExecutorJobRunner"/>), tests may give their own.
/// </summary>
public interface ICampaignJobRunner
{
    /// <summary>Runs the job's session to its end.</summary>
    /// <param name="job">The job.</param>
    /// <param name="cancellationToken">Cancels the session.</param>
    /// <returns>The session's result; exceptions are recorded as a failed result.</returns>
    Task<SessionResult> RunAsync(CampaignJob job, CancellationToken cancellationToken = default);
}
