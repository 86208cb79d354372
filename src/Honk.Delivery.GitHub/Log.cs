using Microsoft.Extensions.Logging;

namespace Honk.Delivery.GitHub;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub rate limit on {Call} ({Status}); waiting {Delay} before retry {Attempt}")]
    public static partial void RateLimited(ILogger logger, string call, int status, TimeSpan delay, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Action} pull request #{Number} for branch {Branch} in {Owner}/{Repository}")]
    public static partial void PullRequestDelivered(ILogger logger, string action, int number, string branch, string owner, string repository);

    [LoggerMessage(Level = LogLevel.Information, Message = "A pull request for {Branch} already exists in {Owner}/{Repository}; updating it instead")]
    public static partial void PullRequestAlreadyExists(ILogger logger, string branch, string owner, string repository);

    [LoggerMessage(Level = LogLevel.Information, Message = "Comment for {Marker} already on {Owner}/{Repository}#{Issue}; not posted again")]
    public static partial void CommentAlreadyPosted(ILogger logger, string marker, string owner, string repository, int issue);

    [LoggerMessage(Level = LogLevel.Information, Message = "Merged pull request #{Number} in {Owner}/{Repository} by {Method} at {Sha}")]
    public static partial void PullRequestMerged(ILogger logger, int number, string owner, string repository, string method, string sha);
}
