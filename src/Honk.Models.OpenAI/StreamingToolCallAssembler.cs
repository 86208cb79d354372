using System.Text;
using Microsoft.Extensions.AI;
using OpenAI.Chat;

namespace Honk.Models.OpenAI;

/// <summary>
/// Collects streamed tool-call pieces. The first piece of a call carries its index, id and name; later pieces carry
/// only the index and a fragment of the argument JSON, so fragments are joined by index, in the order they arrived.
/// </summary>
internal sealed class StreamingToolCallAssembler
{
    private readonly SortedDictionary<int, PendingCall> _calls = [];

    public bool HasCalls => _calls.Count > 0;

    public void Add(StreamingChatToolCallUpdate update)
    {
        if (!_calls.TryGetValue(update.Index, out var call))
        {
            call = new PendingCall();
            _calls[update.Index] = call;
        }

        if (!string.IsNullOrEmpty(update.ToolCallId))
        {
            call.Id = update.ToolCallId;
        }

        if (!string.IsNullOrEmpty(update.FunctionName))
        {
            call.Name = update.FunctionName;
        }

        if (update.FunctionArgumentsUpdate is { } fragment && !fragment.IsEmpty)
        {
            call.Arguments.Append(fragment.ToString());
        }
    }

    public List<FunctionCallContent> Build()
    {
        var result = new List<FunctionCallContent>(_calls.Count);
        foreach (var (index, call) in _calls)
        {
            // Some compatible servers omit the id; the loop still needs a unique one to pair the result with the call.
            var id = call.Id ?? $"call_{index}";
            result.Add(ToolCallArguments.CreateCall(id, call.Name ?? "", call.Arguments.ToString()));
        }

        return result;
    }

    private sealed class PendingCall
    {
        public string? Id { get; set; }

        public string? Name { get; set; }

        public StringBuilder Arguments { get; } = new();
    }
}
