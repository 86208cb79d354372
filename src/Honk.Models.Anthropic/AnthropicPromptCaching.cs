using Anthropic.Models.Messages;
using Microsoft.Extensions.AI;

namespace Honk.Models.Anthropic;

/// <summary>
/// Places Anthropic prompt-cache breakpoints on each request of an agent loop, which resends the whole conversation every
/// turn: one at the end of the system prompt (the tools come before it in the cached prefix, so both are cached), one
/// at the end of the last message (written now, read by the next turn) and one at the end of the message the previous
/// turn ended with (read now: Anthropic looks for earlier breakpoints only about 20 blocks back, and one turn of parallel
/// tool calls can add more). Three of the four breakpoints the API allows.
/// </summary>
/// <remarks>
/// The caller's messages are never changed: marked messages are copies whose last block is a copy, so breakpoints do
/// not pile up on the session's own history across turns.
/// </remarks>
internal sealed class AnthropicPromptCaching : DelegatingChatClient
{
    public AnthropicPromptCaching(IChatClient inner)
        : base(inner)
    {
    }

    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => base.GetResponseAsync(WithBreakpoints(messages), options, cancellationToken);

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => base.GetStreamingResponseAsync(WithBreakpoints(messages), options, cancellationToken);

    /// <summary>The messages with breakpoints on the system prompt, the last message and the previous turn's last message.</summary>
    /// <param name="messages">The conversation as the loop sends it.</param>
    /// <returns>A new list; marked messages are copies.</returns>
    internal static List<ChatMessage> WithBreakpoints(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages.ToList();
        var marks = new SortedSet<int>();
        if (list.FindLastIndex(m => m.Role == ChatRole.System) is var system and >= 0)
        {
            marks.Add(system);
        }

        // The conversation's last message, and the last user-side message before the latest assistant reply: where the
        // previous request ended and so where its breakpoint wrote the cache.
        var last = list.FindLastIndex(m => m.Role != ChatRole.System);
        if (last >= 0)
        {
            marks.Add(last);
            var reply = list.FindLastIndex(last, m => m.Role == ChatRole.Assistant);
            if (reply > 0 && list.FindLastIndex(reply - 1, m => m.Role != ChatRole.System && m.Role != ChatRole.Assistant) is var previous and >= 0)
            {
                marks.Add(previous);
            }
        }

        foreach (var index in marks)
        {
            if (Marked(list[index]) is { } marked)
            {
                list[index] = marked;
            }
        }

        return list;
    }

    private static ChatMessage? Marked(ChatMessage message)
    {
        for (var i = message.Contents.Count - 1; i >= 0; i--)
        {
            if (CopyOf(message.Contents[i]) is { } copy)
            {
                var contents = message.Contents.ToList();
                contents[i] = copy.WithCacheControl(new CacheControlEphemeral());
                var marked = message.Clone();
                marked.Contents = contents;
                return marked;
            }
        }

        return null;
    }

    // Only the block kinds that carry cache_control on the wire; a message ending in another kind is left unmarked.
    private static AIContent? CopyOf(AIContent content) => content switch
    {
        TextContent { Text.Length: > 0 } text => new TextContent(text.Text) { AdditionalProperties = text.AdditionalProperties?.Clone() },
        FunctionResultContent result => new FunctionResultContent(result.CallId, result.Result) { Exception = result.Exception, AdditionalProperties = result.AdditionalProperties?.Clone() },
        FunctionCallContent call => new FunctionCallContent(call.CallId, call.Name, call.Arguments) { AdditionalProperties = call.AdditionalProperties?.Clone() },
        _ => null,
    };
}
