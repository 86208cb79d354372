using System.Globalization;
using System.Text;

namespace Honk.Review;

/// <summary>The reviewer's instructions and the review request: task, checks, changed files, diff, answer format.</summary>
internal static class JudgePrompt
{
    public const string AnswerFormat =
        """{"verdict": "approve" | "veto", "reasons": ["..."], "scope_ok": true | false, "tests_ok": true | false}""";

    public const string System =
        """
        You are a strict, fair code reviewer. A coding agent made the change below to complete a task. The repository's
        own checks (build, tests, lint) have already run; their results are given. Decide whether the change may be
        delivered as it is.

        Veto when any of these holds:
        - The change does not accomplish the task's goal, or does not meet its definition of done.
        - The task's preconditions do not hold, yet the change was made anyway.
        - The change goes beyond the task: unrelated refactoring, renames, reformatting, new dependencies or features
          nobody asked for, or edits outside the allowed paths.
        - Tests or checks were weakened: tests deleted, skipped or loosened, assertions removed or made trivial,
          CI, lint or warning settings relaxed, special cases that only make a test pass.
        - It leaves debugging code, commented-out code, secrets, or TODOs in place of the work.
        Approve when the change does what the task asks, minimally and correctly. Do not veto over style or taste.

        Each reason must be concrete and actionable: name the file and say what to change. The agent reads your reasons
        and fixes the change. Answer with only one JSON object, no other text:
        """ + "\n" + AnswerFormat;

    public const string Reminder =
        "Your answer could not be read. Reply again with only the JSON object, nothing else:\n" + AnswerFormat;

    public static string SystemPrompt(string? additional)
        => string.IsNullOrWhiteSpace(additional) ? System : System + "\n\nAdditional review rules of this project:\n" + additional.Trim();

    public static string Request(JudgeContext context, UnifiedDiff diff, TrimmedDiff shown, int maxValidatorChars)
    {
        var task = context.Task;
        var text = new StringBuilder();
        text.AppendLine("# Task");
        if (!string.IsNullOrWhiteSpace(task.Title))
        {
            text.Append("Title: ").AppendLine(task.Title);
        }

        text.Append("Goal: ").AppendLine(task.Goal.Trim());
        List("Preconditions (the change must NOT be made unless these hold)", task.Preconditions, text);
        List("Examples", task.Examples, text);
        if (!string.IsNullOrWhiteSpace(task.DefinitionOfDone))
        {
            text.Append("Done when: ").AppendLine(task.DefinitionOfDone.Trim());
        }

        text.Append("Allowed paths: ").AppendLine(task.AllowedPaths.Count == 0
            ? "not limited by the task"
            : string.Join(", ", task.AllowedPaths) + " (changes elsewhere are out of scope)");

        if (context.Round > 1)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"This is review round {context.Round}: the agent revised the change after an earlier veto.").AppendLine();
        }

        text.AppendLine().AppendLine("# Checks");
        if (context.Validators.Count == 0)
        {
            text.AppendLine("No validators ran.");
        }

        foreach (var report in context.Validators)
        {
            var outcome = report.Result.Outcome switch
            {
                ValidationOutcome.Passed => "passed",
                ValidationOutcome.Skipped => "skipped",
                _ => report.Result.OnlyPreExistingFailures ? "failed (only failures already present before the change)" : "failed",
            };
            text.Append("- ").Append(report.Name).Append(": ").Append(outcome).Append(" — ").AppendLine(Cap(report.Summary.Trim(), maxValidatorChars));
        }

        text.AppendLine().Append(CultureInfo.InvariantCulture, $"# Changed files ({Math.Max(diff.Files.Count, context.ChangedFiles.Count)}, +{diff.AddedLines} -{diff.RemovedLines})").AppendLine();
        foreach (var file in diff.Files)
        {
            text.Append("- ").AppendLine(file.ToString());
        }

        foreach (var path in context.ChangedFiles.Where(p => !diff.Files.Any(f => f.Path == p || f.OldPath == p)))
        {
            text.Append("- ").AppendLine(path);
        }

        text.AppendLine().AppendLine("# Diff").AppendLine("```diff").Append(shown.Text);
        if (shown.Text.Length > 0 && !shown.Text.EndsWith('\n'))
        {
            text.AppendLine();
        }

        text.AppendLine("```");
        if (shown.WasCut)
        {
            text.AppendLine().AppendLine("Cut from the diff to fit the review budget (judge them from the file list; do not veto only because they are not shown):");
            foreach (var cut in shown.Cuts)
            {
                text.Append("- ").AppendLine(cut);
            }
        }

        text.AppendLine().AppendLine("# Your answer").AppendLine("Reply with only this JSON object:").AppendLine(AnswerFormat);
        return text.ToString();
    }

    private static void List(string title, IReadOnlyList<string> items, StringBuilder text)
    {
        if (items.Count == 0)
        {
            return;
        }

        text.Append(title).AppendLine(":");
        foreach (var item in items)
        {
            text.Append("- ").AppendLine(item.Trim());
        }
    }

    private static string Cap(string text, int max) => text.Length <= max ? text : text[..max] + " …(cut)";
}
