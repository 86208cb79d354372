using Microsoft.Extensions.AI;

namespace Honk.Sessions;

/// <summary>
/// Steering at turn boundaries: people's messages become user messages before the next model call, and a session that
/// needs plan approval waits here, after the round in which the model submitted its plan, for a person's decision.
/// </summary>
internal sealed partial class SessionRunner
{
    /// <summary>Moves the messages due before <paramref name="turn"/> into the conversation (redacted, as everything the session records).</summary>
    private IEnumerable<UserMessageDelivered> DeliverMessages(int turn)
    {
        var heldFinish = _messagesHoldFinish;
        _messagesHoldFinish = false;
        foreach (var message in _inbox.Take(turn))
        {
            var text = Redactor.Redact(message.Text);
            _messages.Add(new ChatMessage(ChatRole.User, $"A message from {message.Sender}, a person following this session. Take it into account from now on:\n\n{text}"));
            yield return new UserMessageDelivered(turn, message.Sender, text) { BeforeFinish = heldFinish };
        }
    }

    private async IAsyncEnumerable<AgentEvent> AwaitPlanDecisionAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (_planGate?.TakeSubmitted() is not { } plan)
        {
            yield break;
        }

        // Pending before anyone hears of it, so an answer to the event is never refused.
        _inbox.ShowPlan(plan);
        yield return new PlanProposed(Redactor.Redact(plan));

        // The wait counts against the wall-time budget like any other; cancelling or stopping ends it.
        var decision = await _inbox.WaitForDecisionAsync(plan, cancellationToken).ConfigureAwait(false);
        var feedback = string.IsNullOrWhiteSpace(decision.Feedback) ? null : Redactor.Redact(decision.Feedback.Trim());
        _planGate.Decide(decision.Approved);
        yield return new PlanDecided(decision.Approved, decision.DecidedBy, feedback);
        _messages.Add(new ChatMessage(ChatRole.User, decision.Approved
            ? $"{decision.DecidedBy} approved your plan. Go ahead and make the change.{(feedback is null ? "" : "\n\nTheir note: " + feedback)}"
            : $"{decision.DecidedBy} did not approve your plan. Revise it and call {Planning.PlanApprovalGate.ToolName} again; nothing may change yet.{(feedback is null ? "" : "\n\nWhat should change: " + feedback)}"));
    }

    private static Func<string, AIFunction?, string?>? GateFor(Func<string, AIFunction?, string?>? configured, Planning.PlanApprovalGate? plan)
    {
        if (plan is null)
        {
            return configured;
        }

        return configured is null ? plan.Refusal : (name, tool) => configured(name, tool) ?? plan.Refusal(name, tool);
    }
}
