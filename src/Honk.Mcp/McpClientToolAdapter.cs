using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Honk.Mcp;

/// <summary>
/// A tool of an outside MCP server as a session sees it: named <c>{server}__{tool}</c> so it can never shadow a
/// built-in tool, its result flattened to text and capped like any tool output, and an MCP error result turned into a
/// <see cref="ToolException"/> so the model reads it as a failed call.
/// </summary>
internal sealed class McpClientToolAdapter : AIFunction
{
    private readonly McpClientTool _tool;
    private readonly int _maxResultCharacters;

    public McpClientToolAdapter(string serverName, McpClientTool tool, int maxResultCharacters)
    {
        _tool = tool;
        _maxResultCharacters = maxResultCharacters;
        Name = ToolName(serverName, tool.Name);
    }

    public override string Name { get; }

    public override string Description => _tool.Description;

    public override JsonElement JsonSchema => _tool.JsonSchema;

    internal static string ToolName(string serverName, string toolName) => ToolNames.Qualified(serverName, "__", toolName);

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var values = arguments.ToDictionary(a => a.Key, a => a.Value);
        CallToolResult result;
        try
        {
            result = await _tool.CallAsync(values, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ModelContextProtocol.McpException ex)
        {
            throw new ToolException($"The MCP tool '{Name}' failed: {ex.Message}", ex);
        }

        var text = Capped(Flatten(result));
        return result.IsError == true ? throw new ToolException(text.Length > 0 ? text : $"The MCP tool '{Name}' reported an error without a message.") : text;
    }

    private static string Flatten(CallToolResult result)
    {
        var text = new StringBuilder();
        foreach (var block in result.Content)
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append(block switch
            {
                TextContentBlock t => t.Text,
                ImageContentBlock i => $"[image: {i.MimeType}]",
                AudioContentBlock a => $"[audio: {a.MimeType}]",
                EmbeddedResourceBlock r => $"[resource: {r.Resource.Uri}]",
                ResourceLinkBlock l => $"[resource link: {l.Uri}]",
                _ => $"[{block.Type}]",
            });
        }

        if (text.Length == 0 && result.StructuredContent is { } structured)
        {
            text.Append(structured.ToString());
        }

        return text.ToString();
    }

    private string Capped(string text)
        => text.Length <= _maxResultCharacters
            ? text
            : string.Concat(text.AsSpan(0, _maxResultCharacters), $"\n… [{text.Length - _maxResultCharacters} more characters cut]");
}
