using Honk.Execution;
using Microsoft.Extensions.AI;

namespace Honk.Sessions;

/// <summary>One round of tool calls: budget per call, loop detection, execution, results back into the conversation.</summary>
internal sealed partial class SessionRunner
{
    private async IAsyncEnumerable<AgentEvent> RunToolsAsync(int turn, List<FunctionCallContent> calls, ToolCallRequest[] requests, ToolRoundState state, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (_options.Workspace is { } workspace)
        {
            _loopDetector.ObserveWorkspace(await workspace.GetFingerprintAsync(cancellationToken).ConfigureAwait(false));
        }

        var results = new List<AIContent>(calls.Count);
        Dictionary<string, LoopVerdict>? warnings = null;
        var index = 0;
        while (index < calls.Count)
        {
            // A batch is one mutating call, or a run of consecutive read-only calls that may run in parallel.
            var batchEnd = index + 1;
            if (_tools.IsReadOnly(calls[index].Name))
            {
                while (batchEnd < calls.Count && _tools.IsReadOnly(calls[batchEnd].Name))
                {
                    batchEnd++;
                }
            }

            var batch = new List<FunctionCallContent>(batchEnd - index);
            for (var i = index; i < batchEnd; i++)
            {
                var call = calls[i];
                if (_budget.CheckBeforeToolCall() is { } exceeded)
                {
                    yield return exceeded;
                    yield return await EndEarlyAsync(SessionStatus.BudgetExceeded, $"Budget exceeded: {exceeded.Detail}.").ConfigureAwait(false);
                    state.Ended = true;
                    yield break;
                }

                var verdict = _loopDetector.Observe(call.Name, requests[i].ArgumentsJson);
                if (verdict.State == LoopState.Stuck)
                {
                    yield return new LoopDetected(call.Name, verdict.Repeats, Terminal: true);
                    yield return await EndEarlyAsync(SessionStatus.Failed, $"Stuck in a loop: '{call.Name}' was called {verdict.Repeats} times with the same arguments while the workspace did not change.").ConfigureAwait(false);
                    state.Ended = true;
                    yield break;
                }

                if (verdict.State == LoopState.Warn)
                {
                    (warnings ??= new(StringComparer.Ordinal))[call.CallId] = verdict;
                    yield return new LoopDetected(call.Name, verdict.Repeats, Terminal: false);
                }

                _budget.AddToolCall();
                batch.Add(call);
                yield return new ToolCallStarted(turn, requests[i]);
            }

            var outcomes = await _tools.InvokeBatchAsync(batch, cancellationToken).ConfigureAwait(false);
            foreach (var outcome in outcomes)
            {
                var text = outcome.Result;
                if (warnings is not null && warnings.TryGetValue(outcome.CallId, out var warning))
                {
                    text += $"\n\n[Honk] You have made this exact '{outcome.Name}' call {warning.Repeats} times and the workspace has not changed since. Repeating it will not help: change approach. At {_loop.LoopFailureThreshold} repeats the session ends.";
                }

                results.Add(new FunctionResultContent(outcome.CallId, text));
                yield return new ToolCallCompleted(turn, outcome.CallId, outcome.Name, text, outcome.IsError, outcome.Duration) { Truncated = outcome.Truncated };
            }

            index = batchEnd;
        }

        _messages.Add(new ChatMessage(ChatRole.Tool, results));
    }
}
