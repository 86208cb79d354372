using Microsoft.Extensions.AI;

namespace Honk.Models.OpenAI;

/// <summary>
/// A tool call whose arguments could not be parsed is sent back in later requests with <c>{}</c> as its arguments (the
/// adapter would send <c>null</c>): several servers re-parse the history and reject the whole request over the model's
/// own bad JSON, while the error result already tells the model what went wrong. The caller's history is not changed.
/// </summary>
internal static class BrokenCallReplay
{
    public static IEnumerable<ChatMessage> Apply(IEnumerable<ChatMessage> messages)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        if (!list.Any(m => m.Contents.Any(IsBroken)))
        {
            return list;
        }

        return [.. list.Select(m => m.Contents.Any(IsBroken) ? Repair(m) : m)];
    }

    private static bool IsBroken(AIContent content) => content is FunctionCallContent { Exception: not null } or FunctionCallContent { Arguments: null };

    private static ChatMessage Repair(ChatMessage message)
    {
        var copy = message.Clone();
        copy.Contents = [.. message.Contents.Select(c => c is FunctionCallContent call && IsBroken(call)
            ? new FunctionCallContent(call.CallId, call.Name, new Dictionary<string, object?>()) : c)];
        return copy;
    }
}
