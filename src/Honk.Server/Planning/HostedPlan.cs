using Honk.Planning;

namespace Honk.Server;

/// <summary>Where a hosted planning conversation stands.</summary>
public enum PlanStage
{
    /// <summary>The planning session reads the repository or writes (it waits on nobody).</summary>
    Reading,

    /// <summary>It asked a question and waits for the answer.</summary>
    Question,

    /// <summary>It showed a draft task file and waits: start it (as it is or edited) or say what should change.</summary>
    Draft,

    /// <summary>The draft was handed to a background session (<see cref="HostedPlan.SessionId"/>).</summary>
    Started,

    /// <summary>The person gave up on it.</summary>
    Declined,

    /// <summary>Planning ended without a draft (<see cref="HostedPlan.Error"/> says why).</summary>
    Failed,
}

/// <summary>
/// One planning conversation in the host (the planning page, <c>/api/plans</c> or a Slack thread): the person on the
/// planning session's other side. Questions and drafts arrive from the session; answers, changes and the start come
/// from the person. Thread-safe; <see cref="Version"/> grows with every change so pages can wait for the next one.
/// </summary>
public sealed class HostedPlan : IPlanningConversation
{
    private readonly Lock _gate = new();
    private readonly List<(string Question, string Answer)> _answered = [];
    private readonly HashSet<string> _seenSlackMessages = new(StringComparer.Ordinal);
    private TaskCompletionSource<string>? _answer;
    private TaskCompletionSource<DraftReview>? _review;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal HostedPlan(string id, string repository, string request, string requester)
    {
        Id = id;
        Repository = repository;
        Request = request;
        Requester = requester;
    }

    /// <summary>The plan's id.</summary>
    public string Id { get; }

    /// <summary>The repository (as resolved by the allow-list).</summary>
    public string Repository { get; }

    /// <summary>The person's one-line request.</summary>
    public string Request { get; }

    /// <summary>Who asked: the authenticated identity; only they may answer, change or start it.</summary>
    public string Requester { get; }

    /// <summary>The Slack channel of a plan started with <c>/honk plan</c>.</summary>
    public string? SlackChannel { get; internal set; }

    /// <summary>The Slack thread the conversation runs in.</summary>
    public string? SlackThreadTs { get; internal set; }

    /// <summary>Where it stands.</summary>
    public PlanStage Stage { get; private set; }

    /// <summary>The question waiting for an answer, in <see cref="PlanStage.Question"/>.</summary>
    public string? Question { get; private set; }

    /// <summary>The latest draft from the planning session (it parses).</summary>
    public string? Draft { get; private set; }

    /// <summary>The questions asked so far, with their answers.</summary>
    public IReadOnlyList<(string Question, string Answer)> Answered
    {
        get
        {
            lock (_gate)
            {
                return [.. _answered];
            }
        }
    }

    /// <summary>The started session, in <see cref="PlanStage.Started"/>.</summary>
    public string? SessionId { get; private set; }

    /// <summary>Why planning failed, in <see cref="PlanStage.Failed"/>.</summary>
    public string? Error { get; private set; }

    /// <summary>Grows with every change.</summary>
    public int Version { get; private set; }

    /// <summary>Raised after every change (questions, drafts, the start, the end), outside the lock.</summary>
    internal event Action<HostedPlan>? Changed;

    /// <summary>True when the stage is final.</summary>
    public bool IsOver => Stage is PlanStage.Started or PlanStage.Declined or PlanStage.Failed;

    /// <summary>Completes when the plan changes after <paramref name="version"/>, or at once when it already has.</summary>
    /// <param name="version">The version the caller saw.</param>
    /// <returns>A task that completes on the next change.</returns>
    public Task WhenChangedAfter(int version)
    {
        lock (_gate)
        {
            return Version > version ? Task.CompletedTask : _changed.Task;
        }
    }

    /// <inheritdoc />
    public async ValueTask<string> AskAsync(string question, CancellationToken cancellationToken = default)
    {
        var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Update(() =>
        {
            _answer = answer;
            Question = question;
            Stage = PlanStage.Question;
        });
        // Answer has already recorded it and moved the plan on (see there).
        return await answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<DraftReview> ReviewDraftAsync(string draft, CancellationToken cancellationToken = default)
    {
        var review = new TaskCompletionSource<DraftReview>(TaskCreationOptions.RunContinuationsAsynchronously);
        Update(() =>
        {
            _review = review;
            Draft = draft;
            Stage = PlanStage.Draft;
        });
        var answer = await review.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!answer.Approved && !string.IsNullOrWhiteSpace(answer.Changes))
        {
            Update(() => Stage = PlanStage.Reading);
        }

        return answer;
    }

    /// <summary>Answers the waiting question.</summary>
    /// <param name="text">The answer.</param>
    /// <returns>False when no question waits.</returns>
    internal bool Answer(string text)
    {
        TaskCompletionSource<string> answer;
        string question;
        lock (_gate)
        {
            if (Stage != PlanStage.Question || _answer is null)
            {
                return false;
            }

            answer = _answer;
            _answer = null;
            question = Question ?? "";
        }

        // Recorded and moved on before the planner's continuation runs: the page that sent the answer is shown right
        // after, and it must already say "reading" (and refresh itself). Left to the continuation, a busy machine
        // showed the page still waiting for the answer, without refreshing, while the planner went on.
        var trimmed = text.Trim();
        Update(() =>
        {
            _answered.Add((question, trimmed));
            Question = null;
            Stage = PlanStage.Reading;
        });
        return answer.TrySetResult(trimmed);
    }

    /// <summary>Sends the draft back to the planning session with what should change.</summary>
    /// <param name="changes">What should change.</param>
    /// <returns>False when no draft waits.</returns>
    internal bool Revise(string changes) => Review(DraftReview.Change(changes.Trim()));

    /// <summary>Gives up: planning ends without a task file.</summary>
    /// <returns>False when the plan is already over.</returns>
    internal bool Decline()
    {
        TaskCompletionSource<string>? question;
        lock (_gate)
        {
            if (IsOver)
            {
                return false;
            }

            question = _answer;
            _answer = null;
        }

        Review(DraftReview.Decline);
        question?.TrySetCanceled();
        Update(() => Stage = PlanStage.Declined);
        return true;
    }

    /// <summary>Claims the start: true once, while a draft waits, so a double tap starts one session.</summary>
    internal bool TryBeginStart()
    {
        lock (_gate)
        {
            if (Stage != PlanStage.Draft || _review is null)
            {
                return false;
            }

            Stage = PlanStage.Reading;
            return true;
        }
    }

    /// <summary>Records the started session and ends the planning session with the draft approved.</summary>
    internal void Started(string sessionId, string draft)
    {
        Update(() =>
        {
            SessionId = sessionId;
            Draft = draft;
            Stage = PlanStage.Started;
        });
        Review(DraftReview.Approve, force: true);
    }

    /// <summary>The start failed before a session was queued: the draft waits again.</summary>
    internal void StartFailed() => Update(() => Stage = PlanStage.Draft);

    /// <summary>The planning session ended; unless the plan is over, it failed.</summary>
    internal void Ended(string? error)
    {
        lock (_gate)
        {
            if (IsOver)
            {
                return;
            }
        }

        Update(() =>
        {
            Error = error ?? "The planning session ended without a draft.";
            Stage = PlanStage.Failed;
        });
    }

    /// <summary>Whether a Slack message (by its <c>ts</c>) is new: a mention in a thread arrives as two events.</summary>
    internal bool FirstSightOfSlackMessage(string ts)
    {
        lock (_gate)
        {
            return _seenSlackMessages.Add(ts);
        }
    }

    private bool Review(DraftReview review, bool force = false)
    {
        TaskCompletionSource<DraftReview>? waiting;
        lock (_gate)
        {
            if ((!force && Stage != PlanStage.Draft) || _review is null)
            {
                return false;
            }

            waiting = _review;
            _review = null;
        }

        return waiting.TrySetResult(review);
    }

    private void Update(Action change)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            change();
            Version++;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
        Changed?.Invoke(this);
    }
}
