namespace Honk.Planning;

/// <summary>
/// The person on the other side of a planning session: a terminal (<c>honk plan</c>), a Slack thread or a web page.
/// The planning model reaches them only through its <c>ask_user</c> and <c>submit_task_file</c> tools.
/// </summary>
public interface IPlanningConversation
{
    /// <summary>Asks the person a question and waits for the answer.</summary>
    /// <param name="question">The model's question.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The answer; empty when the person gave none.</returns>
    ValueTask<string> AskAsync(string question, CancellationToken cancellationToken = default);

    /// <summary>Shows the draft (it already parses) and waits for approval or what to change.</summary>
    /// <param name="draft">The task file's text.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The person's answer.</returns>
    ValueTask<DraftReview> ReviewDraftAsync(string draft, CancellationToken cancellationToken = default);
}

/// <summary>A person's answer to a draft task file.</summary>
/// <param name="Approved">True to keep the draft as it is.</param>
/// <param name="Changes">What should change, when not approved; <see langword="null"/> or empty to give up on planning.</param>
public sealed record DraftReview(bool Approved, string? Changes = null)
{
    /// <summary>Keep the draft.</summary>
    public static DraftReview Approve { get; } = new(true);

    /// <summary>Give up: no task file.</summary>
    public static DraftReview Decline { get; } = new(false);

    /// <summary>Send the draft back with what should change.</summary>
    /// <param name="changes">What should change.</param>
    /// <returns>The review.</returns>
    public static DraftReview Change(string changes) => new(false, changes);
}
