namespace Honk.Planning;

/// <summary>How a planning session runs.</summary>
public sealed class PlanningOptions
{
    /// <summary>How many questions the model may ask the person (default 3): "a few", so planning stays short.</summary>
    public int MaxQuestions { get; set; } = 3;

    /// <summary>How many drafts the person may send back before planning ends without one (default 5).</summary>
    public int MaxDrafts { get; set; } = 5;

    /// <summary>
    /// Checks a draft before the person sees it: the problems (every one, with lines) or <see langword="null"/> when it
    /// is valid. Default: the task-file parser. A campaign planner passes the campaign-file parser.
    /// </summary>
    public Func<string, string?> CheckDraft { get; set; } = DefaultCheck;

    /// <summary>What the model is asked to write, for its instructions: "task file" or "campaign file".</summary>
    public string DraftKind { get; set; } = "task file";

    private static string? DefaultCheck(string draft)
    {
        try
        {
            Tasks.TaskFile.Parse(draft, "draft.md");
            return null;
        }
        catch (Tasks.TaskFileException ex)
        {
            return ex.Message;
        }
    }
}
