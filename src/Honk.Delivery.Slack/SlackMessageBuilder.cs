using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Honk.Delivery.Slack;

/// <summary>Builds the Block Kit message (with its plain-text fallback) that tells the requester how a session ended.</summary>
internal static class SlackMessageBuilder
{
    /// <summary>Slack truncates a section's text at 3,000 characters; stay under it.</summary>
    private const int MaxSectionLength = 2900;

    public static SlackMessage Build(DeliveryContext context, DiffStats stats, SlackNotificationOptions options)
    {
        var result = context.Result;
        var (emoji, status, plainEmoji) = Describe(result.Status);
        // Secrets go before anything is shortened: half a token no longer matches its pattern.
        var title = SlackText.OneLine(context.Redact(context.Task.Title ?? context.Task.Goal), 150);
        var summary = SlackText.OneLine(context.Redact(result.Summary ?? result.Message ?? ""), 300);
        var files = result.ChangedFiles.Count > 0 ? result.ChangedFiles.Count : stats.Files;
        var diffLine = string.Create(CultureInfo.InvariantCulture, $"{files} {(files == 1 ? "file" : "files")} changed, +{stats.Added} −{stats.Removed}");
        var links = Links(context, options);

        var blocks = new JsonArray
        {
            Section($"{emoji} *{SlackText.Escape(status)}*: {SlackText.Escape(title)}"),
        };
        if (summary.Length > 0)
        {
            blocks.Add(Section(SlackText.Escape(summary)));
        }

        var usage = result.Usage;
        blocks.Add(Context(string.Create(CultureInfo.InvariantCulture,
            $"{diffLine} · {result.Turns} turns · ${usage.CostUsd:0.00}")));

        if (result.Validators.Count > 0)
        {
            var checks = new StringBuilder("*Checks*");
            foreach (var report in result.Validators.Take(options.MaxValidatorsListed))
            {
                var mark = report.Result.Outcome switch
                {
                    ValidationOutcome.Passed => ":white_check_mark:",
                    ValidationOutcome.Skipped => ":fast_forward:",
                    _ => ":x:",
                };
                checks.Append('\n').Append(mark).Append(' ').Append(SlackText.Escape(report.Name))
                    .Append(": ").Append(SlackText.Escape(SlackText.OneLine(context.Redact(report.Summary), 200)));
            }

            if (result.Validators.Count > options.MaxValidatorsListed)
            {
                checks.Append("\n…and ").Append((result.Validators.Count - options.MaxValidatorsListed).ToString(CultureInfo.InvariantCulture)).Append(" more");
            }

            blocks.Add(Section(checks.ToString()));
        }

        if (links.Mrkdwn.Count > 0)
        {
            blocks.Add(Section(string.Join("  ·  ", links.Mrkdwn)));
        }

        var fallback = new StringBuilder()
            .Append(plainEmoji).Append(" Honk: ").Append(status).Append(": ").Append(title);
        if (summary.Length > 0)
        {
            fallback.Append(". ").Append(summary);
        }

        fallback.Append(" (").Append(diffLine).Append(')');
        if (links.Primary is { } primary)
        {
            fallback.Append(' ').Append(primary.AbsoluteUri);
        }

        return new SlackMessage { Text = SlackText.Escape(context.Redact(fallback.ToString())), Blocks = blocks };
    }

    /// <summary>Where people review: the pull request or branch page an earlier channel reported, the branch name, the session page.</summary>
    private static (List<string> Mrkdwn, Uri? Primary) Links(DeliveryContext context, SlackNotificationOptions options)
    {
        var parts = new List<string>();
        Uri? primary = null;
        var delivered = context.Previous.Where(p => p.Succeeded).ToList();
        var withUrl = delivered.LastOrDefault(p => p.Url is not null);
        if (withUrl?.Url is { } url)
        {
            primary = url;
            parts.Add(SlackText.Link(url, withUrl.Channel == "pr" ? "Review the pull request" : "Open the change"));
        }

        var branch = delivered.LastOrDefault(p => !string.IsNullOrEmpty(p.Branch))?.Branch ?? context.Result.Branch;
        if (!string.IsNullOrEmpty(branch))
        {
            parts.Add("Branch `" + SlackText.Escape(branch) + "`");
        }

        if (delivered.LastOrDefault(p => p.PatchPath is not null)?.PatchPath is { } patch)
        {
            parts.Add("Patch `" + SlackText.Escape(patch) + "`");
        }

        if (!string.IsNullOrWhiteSpace(options.SessionUrlTemplate)
            && Uri.TryCreate(options.SessionUrlTemplate.Replace("{sessionId}", Uri.EscapeDataString(context.SessionId), StringComparison.Ordinal), UriKind.Absolute, out var session))
        {
            primary ??= session;
            parts.Add(SlackText.Link(session, "Session details"));
        }

        return (parts, primary);
    }

    private static (string Emoji, string Status, string PlainEmoji) Describe(SessionStatus status) => status switch
    {
        SessionStatus.Succeeded => (":white_check_mark:", "Done", "✅"),
        SessionStatus.NoChanges => (":information_source:", "No changes needed", "ℹ️"),
        SessionStatus.ValidationFailed => (":x:", "Checks still failing", "❌"),
        SessionStatus.Vetoed => (":no_entry:", "Vetoed by review", "⛔"),
        SessionStatus.BudgetExceeded => (":money_with_wings:", "Budget exceeded", "💸"),
        SessionStatus.Cancelled => (":octagonal_sign:", "Cancelled", "🛑"),
        _ => (":boom:", "Failed", "💥"),
    };

    private static JsonObject Section(string mrkdwn) => new()
    {
        ["type"] = "section",
        ["text"] = new JsonObject
        {
            ["type"] = "mrkdwn",
            ["text"] = mrkdwn.Length <= MaxSectionLength ? mrkdwn : mrkdwn[..MaxSectionLength] + "…",
        },
    };

    private static JsonObject Context(string mrkdwn) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray { new JsonObject { ["type"] = "mrkdwn", ["text"] = mrkdwn } },
    };
}
