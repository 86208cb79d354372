using Microsoft.Extensions.AI;

namespace Honk.Planning;

/// <summary>
/// The two tools only planning sessions have: <c>ask_user</c> (a question to the person, at most
/// <see cref="PlanningOptions.MaxQuestions"/>) and <c>submit_task_file</c> (a draft: checked by the parser, then shown
/// to the person for approval). Normal sessions never get them.
/// </summary>
internal sealed class PlanningTools
{
    public const string AskUser = "ask_user";
    public const string SubmitTaskFile = "submit_task_file";

    private readonly IPlanningConversation _conversation;
    private readonly PlanningOptions _options;
    private readonly Func<string, string> _redact;
    private readonly List<(string Question, string Answer)> _questions = [];
    private int _drafts;

    public PlanningTools(IPlanningConversation conversation, PlanningOptions options, Func<string, string> redact)
    {
        _conversation = conversation;
        _options = options;
        _redact = redact;
        Ask = AIFunctionFactory.Create(
            (string question, CancellationToken cancellationToken) => AskAsync(question, cancellationToken),
            new AIFunctionFactoryOptions
            {
                Name = AskUser,
                Description = $"Asks the person who made the request one short question and returns their answer. Ask only what the repository cannot tell you; at most {options.MaxQuestions} questions in all.",
            });
        Submit = AIFunctionFactory.Create(
            (string content, CancellationToken cancellationToken) => SubmitAsync(content, cancellationToken),
            new AIFunctionFactoryOptions
            {
                Name = SubmitTaskFile,
                Description = $"Submits the whole {options.DraftKind} (Markdown with YAML front matter). It is checked, then shown to the person, who approves it or says what to change.",
            });
    }

    public AIFunction Ask { get; }

    public AIFunction Submit { get; }

    /// <summary>The approved draft, once there is one.</summary>
    public string? Approved { get; private set; }

    /// <summary>True when the person gave up on planning.</summary>
    public bool Declined { get; private set; }

    public IReadOnlyList<(string Question, string Answer)> Questions => _questions;

    private async Task<string> AskAsync(string question, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(question))
        {
            throw new ToolException("The question is empty: ask one short question.");
        }

        if (Approved is not null || Declined)
        {
            throw new ToolException("Planning is over: end now with a one-line summary and no tool calls.");
        }

        if (_questions.Count >= _options.MaxQuestions)
        {
            throw new ToolException($"You have asked {_questions.Count} questions, the most allowed. Write the draft with {SubmitTaskFile} now, stating any assumption in it.");
        }

        var answer = (await _conversation.AskAsync(question.Trim(), cancellationToken).ConfigureAwait(false)).Trim();
        _questions.Add((_redact(question.Trim()), _redact(answer)));
        return answer.Length == 0 ? "(The person gave no answer: assume the simplest reading and say so in the draft.)" : answer;
    }

    private async Task<string> SubmitAsync(string content, CancellationToken cancellationToken)
    {
        if (Approved is not null || Declined)
        {
            throw new ToolException("Planning is over: end now with a one-line summary and no tool calls.");
        }

        if (string.IsNullOrWhiteSpace(content))
        {
            throw new ToolException($"The {_options.DraftKind} is empty: send its whole text.");
        }

        var draft = content.Trim() + "\n";
        if (_options.CheckDraft(draft) is { } problems)
        {
            throw new ToolException($"The draft does not parse; fix every problem and submit it again:\n{problems}");
        }

        _drafts++;
        var review = await _conversation.ReviewDraftAsync(draft, cancellationToken).ConfigureAwait(false);
        if (review.Approved)
        {
            Approved = draft;
            return $"The person approved the {_options.DraftKind}. Planning is done: end now with a one-line summary and no tool calls.";
        }

        if (string.IsNullOrWhiteSpace(review.Changes) || _drafts >= _options.MaxDrafts)
        {
            Declined = true;
            return "The person ended planning without a task file. End now with a one-line summary and no tool calls.";
        }

        return $"The person asked for changes to the draft:\n\n{review.Changes.Trim()}\n\nRevise the draft and submit it again with {SubmitTaskFile}.";
    }
}
