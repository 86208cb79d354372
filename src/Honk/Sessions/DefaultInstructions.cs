using System.Text;

namespace Honk;

/// <summary>
/// The built-in system prompt and task message, used when the host supplies no instructions of its own. Kept short:
/// the rules that decide outcomes (stay in the workspace, stay in scope, never weaken tests, validate before finishing).
/// </summary>
public static class DefaultInstructions
{
    /// <summary>Version of this template, recorded in transcripts and results.</summary>
    public const string Version = "honk-default-1";

    /// <summary>The system prompt.</summary>
    public const string SystemPrompt = """
        You are Honk, a careful background coding agent working alone in a sandboxed copy of a repository.
        Rules:
        - Work only through your tools and only inside the workspace; paths are relative to the repository root.
        - Make the smallest change that reaches the goal. One change per task: no unrelated refactors, renames or reformatting.
        - Never weaken, skip or delete tests to make checks pass; fix the code instead.
        - Read before you edit; prefer edit_file or apply_patch over rewriting whole files.
        - Run `validate` before you finish when it is available. When you are done, answer with a short summary and no tool calls.
        - If the task's preconditions do not hold, do not change anything: say why and stop.
        """;

    /// <summary>Renders the task as the first user message.</summary>
    /// <param name="task">The task.</param>
    /// <returns>The message text.</returns>
    public static string TaskMessage(CodingTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(task.Title))
        {
            text.Append("# ").AppendLine(task.Title).AppendLine();
        }

        text.AppendLine("## Goal").AppendLine(task.Goal.Trim());
        AppendList(text, "## Preconditions (if any does not hold, change nothing and explain)", task.Preconditions);
        AppendList(text, "## Examples", task.Examples);
        if (!string.IsNullOrWhiteSpace(task.DefinitionOfDone))
        {
            text.AppendLine().AppendLine("## Done when").AppendLine(task.DefinitionOfDone.Trim());
        }

        AppendList(text, "## Only change files matching", task.AllowedPaths);
        return text.ToString().TrimEnd();
    }

    private static void AppendList(StringBuilder text, string heading, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        text.AppendLine().AppendLine(heading);
        foreach (var item in items)
        {
            text.Append("- ").AppendLine(item.Trim());
        }
    }
}
