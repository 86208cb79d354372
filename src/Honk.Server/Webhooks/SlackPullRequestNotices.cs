using System.Globalization;
using System.Text;
using Honk.Delivery.Slack;
using Honk.Hosting;

namespace Honk.Server;

/// <summary>
/// Tells a Slack-started session's thread how its pull request's checks ended: one message per head's final state
/// (green or failing), once, even across crashes (effect <c>slack-pr-checks:&lt;sha&gt;</c>, found again by its metadata),
/// and one when the pull request is merged or closed.
/// </summary>
internal sealed class SlackPullRequestNotices(SlackSessionMessages messages, SlackReplies replies) : IPullRequestChecksObserver
{
    /// <inheritdoc />
    public async Task ChecksSeenAsync(SessionRecord session, PullRequestChecks checks, CancellationToken cancellationToken)
    {
        var key = checks.State switch
        {
            "green" or "failing" => "slack-pr-checks:" + checks.Head,
            "merged" or "closed" => "slack-pr-" + checks.State,
            _ => null,
        };
        if (key is null || !messages.Enabled || await replies.ThreadAsync(session, cancellationToken).ConfigureAwait(false) is not { } thread)
        {
            return;
        }

        await messages.PostOnceAsync(session.Id, key, new SlackMessage { Channel = thread.Channel, ThreadTs = thread.ThreadTs, Text = Text(checks) }, cancellationToken).ConfigureAwait(false);
    }

    private static readonly Transcripts.SecretRedactor OutputRedactor = Transcripts.SecretRedactor.Create();

    /// <summary>The message: the verdict on the head, then each check with its state and link.</summary>
    internal static string Text(PullRequestChecks checks)
    {
        var pr = checks.Url is { } url ? $"<{url}|{SlackEscape.Text(checks.PullRequest)}>" : SlackEscape.Text(checks.PullRequest);
        var head = checks.Head is { Length: >= 7 } sha ? $"`{sha[..7]}`" : "";
        var text = new StringBuilder(checks.State switch
        {
            "green" => $"✅ Checks passed on {pr} at {head}.",
            "failing" => $"❌ Checks failed on {pr} at {head}: {checks.Checks.Count(c => c.Outcome == "failed").ToString(CultureInfo.InvariantCulture)} of {checks.Checks.Count.ToString(CultureInfo.InvariantCulture)}.",
            "merged" => $"🎉 {pr} is merged.",
            _ => $"{pr} was closed without merging.",
        });
        foreach (var check in checks.Checks)
        {
            var icon = check.Outcome switch { "passed" => "✓", "failed" => "✗", _ => "…" };
            var name = SlackEscape.Text(check.Name);
            text.Append('\n').Append(icon).Append(' ').Append(check.Url is { } link ? $"<{link}|{name}>" : name).Append(" (").Append(SlackEscape.Text(check.State)).Append(')');
        }

        // Check names and links come from the repository's CI; the one redactor still reads them before Slack does.
        return OutputRedactor.Redact(text.ToString());
    }
}
