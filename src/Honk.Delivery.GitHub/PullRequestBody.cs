using System.Globalization;
using System.Text;

namespace Honk.Delivery.GitHub;

/// <summary>The pull request's title and Markdown description, built from the finished session.</summary>
internal static class PullRequestBody
{
    /// <summary>GitHub rejects bodies over 65,536 characters.</summary>
    private const int MaxBodyLength = 65_000;

    public static string Title(DeliveryContext context, GitHubPullRequestOptions options)
    {
        var title = context.Redact(options.Title ?? context.Task.Title);
        if (string.IsNullOrWhiteSpace(title))
        {
            title = FirstLine(context.Redact(context.Task.Goal), 100);
        }

        return (options.TitlePrefix ?? "") + title.Trim();
    }

    public static Uri? SessionUrl(string sessionId, string? template)
        => string.IsNullOrWhiteSpace(template)
            ? null
            : Uri.TryCreate(template.Replace("{sessionId}", Uri.EscapeDataString(sessionId), StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri : null;

    public static string Build(DeliveryContext context, string branch, GitHubPullRequestOptions options)
    {
        var result = context.Result;
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(options.Description))
        {
            text.Append(context.Redact(options.Description.Trim())).Append("\n\n");
        }

        // Every text from the task, the model or the checks is redacted before it is shortened or put in a cell; the
        // model's and the checks' text is also made quiet: no @-mention notifies anyone, no "Fixes #1" closes an issue.
        text.Append("## Summary\n\n").Append(Quiet(context, result.Summary ?? result.Message ?? "The change is ready for review.")).Append("\n\n");
        text.Append("**Task:** ").Append(OneLine(context.Redact(context.Task.Goal))).Append('\n');
        if (context.Task.Requester is { } requester)
        {
            text.Append("**Requested by:** ").Append(OneLine(context.Redact(requester))).Append('\n');
        }

        text.Append("**Branch:** `").Append(branch).Append('`');
        if (result.Commit is { } commit)
        {
            text.Append(" at `").Append(commit.Length > 12 ? commit[..12] : commit).Append('`');
        }

        text.Append("\n\n## Checks\n\n");
        if (result.Validators.Count == 0)
        {
            text.Append("No validator ran.\n\n");
        }
        else
        {
            text.Append("| Validator | Result | Summary |\n| --- | --- | --- |\n");
            foreach (var report in result.Validators)
            {
                var outcome = report.Result.Outcome switch
                {
                    ValidationOutcome.Passed => "✅ passed",
                    ValidationOutcome.Skipped => "⏭️ skipped",
                    _ => "❌ failed",
                };
                text.Append("| ").Append(Cell(report.Name)).Append(" | ").Append(outcome).Append(" | ").Append(Cell(Quiet(context, report.Summary))).Append(" |\n");
            }

            text.Append('\n');
        }

        text.Append("## Review\n\n");
        text.Append(result.Verdict switch
        {
            null => "No judge ran.",
            { Approved: true, Feedback: { } note } => "✅ Approved by the judge: " + OneLine(Quiet(context, note)),
            { Approved: true } => "✅ Approved by the judge.",
            { Feedback: var feedback } => "❌ Vetoed by the judge: " + OneLine(Quiet(context, feedback)),
        }).Append("\n\n");

        text.Append("## Changed files (").Append(result.ChangedFiles.Count.ToString(CultureInfo.InvariantCulture)).Append(")\n\n");
        foreach (var file in result.ChangedFiles.Take(options.MaxChangedFilesListed))
        {
            text.Append("- `").Append(file.Replace("`", "'", StringComparison.Ordinal)).Append("`\n");
        }

        if (result.ChangedFiles.Count > options.MaxChangedFilesListed)
        {
            text.Append("- … and ").Append((result.ChangedFiles.Count - options.MaxChangedFilesListed).ToString(CultureInfo.InvariantCulture)).Append(" more\n");
        }

        var usage = result.Usage;
        text.Append("\n## Cost\n\n").Append(string.Create(CultureInfo.InvariantCulture,
            $"{result.Turns} turns, {result.ToolCalls} tool calls, {usage.InputTokens:N0} input / {usage.OutputTokens:N0} output tokens, ${usage.CostUsd:0.0000}"));
        if (context.Model is { } model)
        {
            text.Append(" (").Append(OneLine(model)).Append(')');
        }

        text.Append("\n\n");
        if (SessionUrl(context.SessionId, options.SessionUrlTemplate) is { } url)
        {
            text.Append("[View the session](").Append(url.AbsoluteUri).Append(")\n\n");
        }

        // A marker lets people and tools find the session behind a pull request.
        text.Append(SessionMarker(context.SessionId)).Append('\n');
        var body = context.Redact(text.ToString());
        return body.Length <= MaxBodyLength ? body : body[..MaxBodyLength] + "\n\n…(truncated)\n";
    }

    /// <summary>The hidden marker naming the session (found again by the reality check after a crash).</summary>
    public static string SessionMarker(string sessionId) => "<!-- honk-session: " + sessionId.Replace("--", "- -", StringComparison.Ordinal) + " -->";

    private static string FirstLine(string text, int max)
    {
        var line = OneLine(text.Split('\n', 2)[0]);
        return line.Length <= max ? line : line[..(max - 1)] + "…";
    }

    private static string Quiet(DeliveryContext context, string? text) => QuietMarkdown.Neutralise(context.Redact(text ?? ""));

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    private static string Cell(string text) => OneLine(text).Replace("|", "\\|", StringComparison.Ordinal);
}
