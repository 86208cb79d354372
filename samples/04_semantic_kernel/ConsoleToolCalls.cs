using Honk;

namespace SemanticKernelSample;

/// <summary>Prints each tool call of the session the kernel function runs, and the first line of its answer.</summary>
internal sealed class ConsoleToolCalls : IAgentEventSink
{
    public ValueTask OnEventAsync(AgentEvent agentEvent, CancellationToken cancellationToken = default)
    {
        if (agentEvent is ToolCallCompleted call)
        {
            var answer = call.Result.Split('\n', 2)[0];
            Console.WriteLine($"tool      {call.Name}{(call.IsError ? " (error)" : "")}: {(answer.Length <= 100 ? answer : answer[..100] + "…")}");
        }

        return ValueTask.CompletedTask;
    }
}
