using Microsoft.Extensions.Logging;

namespace Honk.Delivery.Slack;

internal static partial class SlackLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack rate-limited {What}; waiting {Delay} before retry {Attempt}")]
    public static partial void RateLimited(ILogger logger, string what, TimeSpan delay, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} was already announced in Slack ({Key}); not posting again")]
    public static partial void AlreadyPosted(ILogger logger, string sessionId, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Announced session {SessionId} in Slack ({Target})")]
    public static partial void Posted(ILogger logger, string sessionId, string target);
}
