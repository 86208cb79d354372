using System.Text;

namespace Honk.Delivery.Git.Internal;

/// <summary>
/// The delivered commit's message: a subject of at most 72 characters, the model's summary, the changed files, and
/// provenance trailers (the last paragraph, so <c>git interpret-trailers</c> and <c>%(trailers)</c> read them).
/// </summary>
internal static class CommitMessage
{
    /// <summary>The trailer naming the session; delivery also uses it to recognise its own commits.</summary>
    public const string SessionTrailer = "Honk-Session";

    /// <summary>The longest subject line.</summary>
    public const int MaxSubjectLength = 72;

    private const int MaxSummaryLength = 4000;
    private const int MaxListedFiles = 50;

    /// <summary>Builds the message.</summary>
    /// <param name="context">The finished session.</param>
    /// <param name="changedFiles">The files this commit changes.</param>
    /// <param name="promptVersion">The prompt template's version, when known.</param>
    /// <returns>The message.</returns>
    public static string Build(DeliveryContext context, IReadOnlyList<string> changedFiles, string? promptVersion)
    {
        // Secrets go before anything is shortened: half a token no longer matches its pattern.
        var text = new StringBuilder().Append(Subject(context.Task.Title is { } title ? context.Redact(title) : null, context.Redact(context.Task.Goal))).Append("\n\n");
        // The model's words: GitHub closes an issue named after "Fixes" once this commit reaches the default branch.
        var summary = Normalize(QuietMarkdown.Neutralise(context.Redact(context.Result.Summary)));
        if (summary.Length > 0)
        {
            text.Append(summary.Length > MaxSummaryLength ? summary[..MaxSummaryLength].TrimEnd() + "\n[summary truncated]" : summary).Append("\n\n");
        }

        if (changedFiles.Count > 0)
        {
            text.Append("Changed files:\n");
            foreach (var file in changedFiles.Take(MaxListedFiles))
            {
                text.Append("- ").Append(file).Append('\n');
            }

            if (changedFiles.Count > MaxListedFiles)
            {
                text.Append("- and ").Append(changedFiles.Count - MaxListedFiles).Append(" more\n");
            }

            text.Append('\n');
        }

        text.Append(SessionTrailer).Append(": ").Append(TrailerValue(context.SessionId)).Append('\n')
            .Append("Honk-Task-Digest: ").Append(context.Task.ComputeDigest()).Append('\n')
            .Append("Honk-Model: ").Append(TrailerValue(context.Model, "unknown")).Append('\n')
            .Append("Honk-Validators: ").Append(Validators(context.Result.Validators)).Append('\n');
        if (!string.IsNullOrWhiteSpace(promptVersion))
        {
            text.Append("Honk-Prompt-Version: ").Append(TrailerValue(promptVersion)).Append('\n');
        }

        if (!string.IsNullOrWhiteSpace(context.Result.PromptDigest))
        {
            text.Append("Honk-Prompt-Digest: ").Append(TrailerValue(context.Result.PromptDigest)).Append('\n');
        }

        return context.Redact(text.ToString());
    }

    /// <summary>The subject: the task's title, else the first non-blank line of its goal, on one line of at most 72 characters.</summary>
    /// <param name="task">The task.</param>
    /// <returns>The subject line.</returns>
    public static string Subject(CodingTask task) => Subject(task.Title, task.Goal);

    private static string Subject(string? title, string goal)
    {
        var source = string.IsNullOrWhiteSpace(title)
            ? goal.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "Honk change"
            : title;
        var line = string.Join(' ', source.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (line.Length <= MaxSubjectLength)
        {
            return line;
        }

        const string ellipsis = "...";
        var room = MaxSubjectLength - ellipsis.Length;
        var cut = line.LastIndexOf(' ', room);
        return (cut > room / 2 ? line[..cut] : line[..room]).TrimEnd() + ellipsis;
    }

    /// <summary>The validators' outcomes as <c>name=outcome</c> pairs, e.g. <c>dotnet=passed, npm=skipped</c>.</summary>
    /// <param name="reports">The validators' last results.</param>
    /// <returns>The trailer value; <c>none</c> when no validator ran.</returns>
    public static string Validators(IReadOnlyList<ValidatorReport> reports)
        => reports.Count == 0
            ? "none"
            : string.Join(", ", reports.Select(r => $"{TrailerValue(r.Name).Replace(' ', '-').Replace(',', '-')}={r.Result.Outcome.ToString().ToLowerInvariant()}"));

    /// <summary>A value on one line: whitespace runs (newlines included) become one space.</summary>
    /// <param name="value">The value.</param>
    /// <param name="fallback">What to use when nothing is left.</param>
    /// <returns>The single-line value.</returns>
    public static string TrailerValue(string? value, string fallback = "")
    {
        var line = string.Join(' ', (value ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length == 0 ? fallback : line;
    }

    private static string Normalize(string? text)
        => (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
}
