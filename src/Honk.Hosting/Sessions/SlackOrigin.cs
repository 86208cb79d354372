namespace Honk.Hosting;

/// <summary>A request made in Slack (a slash command or an app mention); the result is posted in <see cref="ThreadTs"/>.</summary>
/// <param name="Channel">The channel id, e.g. <c>C0123</c>.</param>
/// <param name="ThreadTs">The thread to reply in (the message's <c>ts</c> or <c>thread_ts</c>).</param>
/// <param name="User">The Slack user id of the requester.</param>
public sealed record SlackOrigin(string Channel, string? ThreadTs, string User) : SessionOrigin
{
    /// <summary>The Slack workspace (team) id, when known.</summary>
    public string? TeamId { get; init; }
}
