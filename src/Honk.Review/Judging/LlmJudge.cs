using System.Text;
using Microsoft.Extensions.AI;

namespace Honk.Review;

/// <summary>
/// A judge that asks a model to review the change against its task: the task, the validators' results, the changed
/// files and the diff (cut to <see cref="LlmJudgeOptions.DiffBudgetChars"/>) go in; a JSON verdict comes out, read
/// leniently from sloppy answers (code fences, prose around it, single quotes, trailing commas, a bare APPROVE/VETO).
/// </summary>
/// <remarks>
/// <para>An unreadable answer is asked for once more with a reminder of the format. If it is still unreadable, or the
/// model call fails or times out, the judge approves with a note by default (<see cref="LlmJudgeOptions.OnUnparseableAnswer"/>,
/// <see cref="LlmJudgeOptions.OnError"/>). Why approve: a veto is sent to the coding model as something to fix, and
/// there is nothing in the change to fix when the reviewer is broken; repeated vetoes would end a sound change as
/// <c>vetoed</c> and blame it for an outage. The deterministic guards and the validators still hold, the note is
/// recorded in the verdict event, and hosts that prefer to fail closed set both policies to <see cref="JudgeFailurePolicy.Veto"/>.</para>
/// <para>Any <see cref="IChatClient"/> works, including <c>Honk.Scripting.ScriptedChatClient</c> whose turns hold
/// verdict JSON: that is the scripted judge for tests and for <c>--judge-model script:FILE</c>.</para>
/// </remarks>
public sealed class LlmJudge : Judge
{
    /// <summary>The default name, <c>llm-judge</c>.</summary>
    public const string DefaultName = "llm-judge";

    private readonly IChatClient _chatClient;
    private readonly LlmJudgeOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the judge.</summary>
    /// <param name="chatClient">The reviewing model.</param>
    /// <param name="options">Its settings; the defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock for <see cref="LlmJudgeOptions.CallTimeout"/>; the system clock by default.</param>
    public LlmJudge(IChatClient chatClient, LlmJudgeOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(chatClient);
        _chatClient = chatClient;
        _options = options ?? new LlmJudgeOptions();
        ArgumentException.ThrowIfNullOrWhiteSpace(_options.Name, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.DiffBudgetChars, 1_000, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxValidatorSummaryChars, 100, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.CallTimeout, TimeSpan.Zero, nameof(options));
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public override string Name => _options.Name;

    /// <inheritdoc />
    protected override async ValueTask<Verdict> JudgeCoreAsync(JudgeContext context, CancellationToken cancellationToken)
    {
        var diff = UnifiedDiff.Parse(context.Diff);
        var shown = DiffTrimmer.Trim(context.Diff, diff, _options.DiffBudgetChars);
        List<ChatMessage> messages =
        [
            new(ChatRole.System, JudgePrompt.SystemPrompt(_options.AdditionalInstructions)),
            new(ChatRole.User, JudgePrompt.Request(context, diff, shown, _options.MaxValidatorSummaryChars)),
        ];

        string? answer = null;
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            try
            {
                answer = await AskAsync(messages, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                var why = ex is OperationCanceledException ? $"the model did not answer within {_options.CallTimeout}" : $"{ex.GetType().Name}: {ex.Message}";
                return Fallback(_options.OnError, $"the review model failed ({why})");
            }

            if (JudgeAnswerParser.TryParse(answer, out var parsed))
            {
                return ToVerdict(parsed);
            }

            messages.Add(new ChatMessage(ChatRole.Assistant, answer ?? ""));
            messages.Add(new ChatMessage(ChatRole.User, JudgePrompt.Reminder));
        }

        return Fallback(_options.OnUnparseableAnswer, $"its answer held no verdict, even after a reminder: \"{Excerpt(answer)}\"");
    }

    private async Task<string> AskAsync(List<ChatMessage> messages, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.CallTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var response = await _chatClient.GetResponseAsync(messages, _options.ChatOptions?.Clone(), linked.Token).ConfigureAwait(false);
        return response.Text;
    }

    private Verdict ToVerdict(JudgeAnswer answer)
    {
        if (answer.Approved)
        {
            return answer.Reasons.Count == 0 || answer.FromWords ? Verdict.Approve() : Verdict.Approve($"{Name}: {string.Join(" ", answer.Reasons)}");
        }

        var feedback = new StringBuilder();
        if (answer.Reasons.Count == 0)
        {
            feedback.AppendLine("The reviewer vetoed the change without giving reasons. Check it against the task: stay in scope, keep the tests intact, and finish the goal.");
        }

        foreach (var reason in answer.Reasons)
        {
            feedback.Append(answer.FromWords ? "" : "- ").AppendLine(reason);
        }

        if (answer.ScopeOk == false)
        {
            feedback.AppendLine("The reviewer found changes outside the task's scope.");
        }

        if (answer.TestsOk == false)
        {
            feedback.AppendLine("The reviewer found the tests or checks weakened.");
        }

        return Verdict.Veto(feedback.ToString().TrimEnd());
    }

    private Verdict Fallback(JudgeFailurePolicy policy, string why)
        => policy == JudgeFailurePolicy.Veto
            ? Verdict.Veto($"The automated review could not be completed: {why}. Finish again to request another review.")
            : Verdict.Approve($"{Name} could not review the change: {why}. Approved without review.");

    private static string Excerpt(string? text)
    {
        var trimmed = (text ?? "").Trim().ReplaceLineEndings(" ");
        return trimmed.Length <= 200 ? trimmed : trimmed[..200] + "…";
    }
}
