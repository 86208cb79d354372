using Microsoft.Extensions.AI;

namespace Honk.Benchmarks;

/// <summary>
/// The baseline: the smallest correct tool loop a developer would write over an <see cref="IChatClient"/> — stream,
/// aggregate, append, run the calls, append the results, repeat until the model stops calling tools. No budgets,
/// validation, events, retries or loop detection.
/// </summary>
public static class HandWrittenLoop
{
    /// <summary>Runs the loop to its end.</summary>
    /// <returns>The number of model turns.</returns>
    public static async Task<int> RunAsync(IChatClient model, AIFunction tool, CodingTask task, CancellationToken cancellationToken = default)
    {
        List<ChatMessage> messages =
        [
            new(ChatRole.System, DefaultInstructions.SystemPrompt),
            new(ChatRole.User, DefaultInstructions.TaskMessage(task)),
        ];
        var options = new ChatOptions { Tools = [tool], ToolMode = ChatToolMode.Auto };
        var turns = 0;
        while (true)
        {
            turns++;
            var updates = new List<ChatResponseUpdate>();
            await foreach (var update in model.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
            {
                updates.Add(update);
            }

            var response = updates.ToChatResponse();
            messages.AddRange(response.Messages);

            List<AIContent>? results = null;
            foreach (var message in response.Messages)
            {
                foreach (var content in message.Contents)
                {
                    if (content is FunctionCallContent call)
                    {
                        var result = call.Name == tool.Name
                            ? await tool.InvokeAsync(new AIFunctionArguments(call.Arguments), cancellationToken).ConfigureAwait(false)
                            : $"Unknown tool '{call.Name}'.";
                        (results ??= []).Add(new FunctionResultContent(call.CallId, result));
                    }
                }
            }

            if (results is null)
            {
                return turns;
            }

            messages.Add(new ChatMessage(ChatRole.Tool, results));
        }
    }
}
