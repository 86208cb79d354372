using Microsoft.Extensions.Logging;

namespace Honk.Server;

/// <summary>The pull-request watcher's source-generated log messages.</summary>
internal static partial class PullRequestLog
{
    [LoggerMessage(101, LogLevel.Information, "Pull request of session {SessionId}: {Kind}: {Message}")]
    public static partial void Step(ILogger logger, string sessionId, string kind, string message);

    [LoggerMessage(102, LogLevel.Warning, "Looking at the pull request of session {SessionId} failed; tried again at the next poll.")]
    public static partial void StepFailed(ILogger logger, Exception exception, string sessionId);

    [LoggerMessage(103, LogLevel.Information, "Queued round {RoundId} for the pull request of session {SessionId}.")]
    public static partial void RoundQueued(ILogger logger, string roundId, string sessionId);

    [LoggerMessage(104, LogLevel.Warning, "Polling pull requests failed {Failures} time(s) in a row; next poll in {Delay}.")]
    public static partial void PollBackoff(ILogger logger, int failures, TimeSpan delay);

    [LoggerMessage(105, LogLevel.Warning, "Telling {Observer} about the pull request of session {SessionId} failed.")]
    public static partial void ObserverFailed(ILogger logger, Exception exception, string sessionId, string observer);
}
