using Microsoft.Extensions.AI;
using ModelContextProtocol.Protocol;

namespace Honk.Mcp;

/// <summary>
/// One of Honk's tools as an MCP client sees it: every call runs with the served workspace's <see cref="ToolContext"/>
/// (so the fence and the sandbox apply exactly as in a session), and a <see cref="ToolException"/> — a refusal the
/// caller should read, like "old_text was not found" — becomes an MCP error result carrying its message, not the
/// SDK's generic "an error occurred". Calls pass the server's <see cref="ToolCallGate"/>: a client's concurrent calls
/// never overlap a call that runs commands or changes files.
/// </summary>
internal sealed class WorkspaceBoundFunction : DelegatingAIFunction
{
    private readonly ToolContext _context;
    private readonly ToolCallGate _gate;
    private readonly int _maxResultCharacters;

    public WorkspaceBoundFunction(AIFunction inner, ToolContext context, ToolCallGate gate, int maxResultCharacters)
        : base(inner)
    {
        _context = context;
        _gate = gate;
        _maxResultCharacters = maxResultCharacters;
    }

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        arguments.WithToolContext(_context);
        try
        {
            var result = await _gate.RunAsync(InnerFunction.IsReadOnly(), () => base.InvokeCoreAsync(arguments, cancellationToken), cancellationToken).ConfigureAwait(false);
            return result is string text ? Capped(text) : result;
        }
        catch (ToolException ex)
        {
            return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = Capped(ex.Message) }] };
        }
    }

    /// <summary>The tools page and cap their own output; this is the last guard against a client's context flood.</summary>
    private string Capped(string text)
        => text.Length <= _maxResultCharacters
            ? text
            : string.Concat(text.AsSpan(0, _maxResultCharacters), $"\n… [{text.Length - _maxResultCharacters} more characters cut]");
}
