using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Honk.Context;

/// <summary>
/// Keeps a long session inside the model's context window: when the conversation nears the window, the oldest tool
/// results (never the most recent few) are replaced by a one-line stub that tells the model how to get them back.
/// Tool results are the bulk of an agent's context and the part that goes stale first.
/// </summary>
internal static class ConversationCompactor
{
    private const string StubPrefix = "[Output of ";

    /// <summary>Estimates the conversation's size in tokens (about 4 characters per token).</summary>
    public static long EstimateTokens(IReadOnlyList<ChatMessage> messages)
    {
        long chars = 0;
        foreach (var message in messages)
        {
            foreach (var content in message.Contents)
            {
                chars += content switch
                {
                    TextContent text => text.Text?.Length ?? 0,
                    FunctionCallContent call => call.Name.Length + EstimateArguments(call.Arguments),
                    FunctionResultContent result => ResultText(result).Length,
                    _ => 16,
                };
            }
        }

        return chars / 4;
    }

    /// <summary>
    /// Shortens the oldest tool results until the estimate is at or below <paramref name="targetTokens"/>.
    /// Returns how many results were shortened.
    /// </summary>
    public static int Compact(IList<ChatMessage> messages, long estimatedTokens, long targetTokens, int keepRecent)
    {
        var positions = new List<(int Message, int Content)>();
        for (var m = 0; m < messages.Count; m++)
        {
            for (var c = 0; c < messages[m].Contents.Count; c++)
            {
                if (messages[m].Contents[c] is FunctionResultContent)
                {
                    positions.Add((m, c));
                }
            }
        }

        var names = CallNames(messages);
        var compacted = 0;
        for (var r = 0; r < positions.Count - keepRecent && estimatedTokens > targetTokens; r++)
        {
            var (m, c) = positions[r];
            var content = (FunctionResultContent)messages[m].Contents[c];
            var text = ResultText(content);
            if (text.StartsWith(StubPrefix, StringComparison.Ordinal) || text.Length < 400)
            {
                continue;
            }

            var name = names.TryGetValue(content.CallId, out var n) ? n : "tool";
            var stub = $"{StubPrefix}{name} removed to save context ({text.Length:N0} characters). Call the tool again if you still need it.]";

            // Replace the message rather than edit it: a client (or a test) may still hold the one it was sent.
            var contents = messages[m].Contents.ToList();
            contents[c] = new FunctionResultContent(content.CallId, stub);
            messages[m] = new ChatMessage(messages[m].Role, contents);
            estimatedTokens -= (text.Length - stub.Length) / 4;
            compacted++;
        }

        return compacted;
    }

    private static Dictionary<string, string> CallNames(IEnumerable<ChatMessage> messages)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var call in messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>())
        {
            names[call.CallId] = call.Name;
        }

        return names;
    }

    private static string ResultText(FunctionResultContent result) => result.Result switch
    {
        string s => s,
        null => string.Empty,
        JsonElement e => e.GetRawText(),
        var other => other.ToString() ?? string.Empty,
    };

    private static long EstimateArguments(IDictionary<string, object?>? arguments)
    {
        if (arguments is null)
        {
            return 2;
        }

        long size = 2;
        foreach (var (key, value) in arguments)
        {
            size += key.Length + value switch
            {
                string s => s.Length,
                JsonElement e => e.ValueKind == JsonValueKind.String ? e.GetString()!.Length : e.GetRawText().Length,
                _ => 8,
            };
        }

        return size;
    }
}
