using Microsoft.Extensions.AI;

namespace Honk.Scripting;

/// <summary>The rough token estimate (characters / 4) a script reports when a turn names no usage.</summary>
internal static class UsageEstimate
{
    public static long Tokens(long characters) => (characters + 3) / 4;

    public static long Characters(IEnumerable<ChatMessage> messages)
    {
        long total = 0;
        foreach (var message in messages)
        {
            foreach (var content in message.Contents)
            {
                total += content switch
                {
                    TextContent text => text.Text?.Length ?? 0,
                    FunctionCallContent call => call.Name.Length + Characters(call.Arguments),
                    FunctionResultContent result => result.Result?.ToString()?.Length ?? 0,
                    _ => 0,
                };
            }
        }

        return total;
    }

    public static long Characters(ScriptTurn turn)
    {
        long total = turn.Text?.Length ?? 0;
        foreach (var call in turn.ToolCalls)
        {
            total += call.Name.Length + call.Arguments.GetRawText().Length;
        }

        return total;
    }

    private static long Characters(IDictionary<string, object?>? arguments)
    {
        if (arguments is null)
        {
            return 0;
        }

        long total = 0;
        foreach (var (key, value) in arguments)
        {
            total += key.Length + (value?.ToString()?.Length ?? 0);
        }

        return total;
    }
}
