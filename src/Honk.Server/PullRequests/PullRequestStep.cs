namespace Honk.Server;

/// <summary>What one look at a delivered pull request found or did.</summary>
public enum PullRequestStepKind
{
    /// <summary>The session has no open pull request to watch.</summary>
    NotWatched,

    /// <summary>The pull request is merged or closed: no longer watched.</summary>
    Closed,

    /// <summary>A fix or rebase round of this pull request is still queued or running.</summary>
    RoundInProgress,

    /// <summary>Checks are still running (or none reported yet).</summary>
    Pending,

    /// <summary>Every check on the head passed.</summary>
    Green,

    /// <summary>A fix round was started.</summary>
    FixStarted,

    /// <summary>The failing checks fail on the base branch too, or are not required: reported, not fixed.</summary>
    Reported,

    /// <summary>The rounds are used up: Honk stopped and said why on the pull request.</summary>
    GaveUp,

    /// <summary>The branch was rebased on its base without a model and pushed with lease.</summary>
    Rebased,

    /// <summary>The rebase conflicted: a session resolving the conflicts was started.</summary>
    RebaseStarted,

    /// <summary>GitHub or git could not be asked; tried again at the next poll.</summary>
    Error,
}

/// <summary>What one look at a delivered pull request found or did.</summary>
/// <param name="SessionId">The session that delivered the pull request.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Message">In words.</param>
/// <param name="RoundSessionId">The fix or rebase session started (or running), if any.</param>
public sealed record PullRequestStep(string SessionId, PullRequestStepKind Kind, string Message, string? RoundSessionId = null);
