using Honk.Scripting;
using Microsoft.Extensions.AI;

namespace Honk.Tests.Loop;

/// <summary>Builds scripted sessions over a temporary folder with a few simple tools.</summary>
internal static class LoopTestKit
{
    public static AIFunction WriteTool() => AIFunctionFactory.Create(
        (string path, string content, AIFunctionArguments args) =>
        {
            var root = args.GetToolContext().Workspace.RootPath;
            File.WriteAllText(Path.Combine(root, path), content);
            return $"wrote {path}";
        },
        "write_file",
        "Writes a file.");

    public static AIFunction ReadTool() => AIFunctionFactory.Create(
        (string path, AIFunctionArguments args) =>
        {
            var full = Path.Combine(args.GetToolContext().Workspace.RootPath, path);
            return File.Exists(full) ? File.ReadAllText(full) : throw new ToolException($"File '{path}' does not exist.");
        },
        new AIFunctionFactoryOptions { Name = "read_file", Description = "Reads a file.", AdditionalProperties = ToolTraits.ReadOnly });

    public static AIFunction CountTool() => AIFunctionFactory.Create(
        (int count) => string.Join('\n', Enumerable.Range(1, count).Select(i => $"line {i}")),
        new AIFunctionFactoryOptions { Name = "lines", Description = "Prints N lines.", AdditionalProperties = ToolTraits.ReadOnly });

    public static ScriptedChatClient Script(string json) => ScriptedChatClient.FromJson(json);

    public static AgentSessionOptions Options(Workspace? workspace, params AITool[] tools)
    {
        var options = new AgentSessionOptions { Workspace = workspace };
        options.Loop.Budget = Budget.Unlimited;
        options.Loop.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
        options.Loop.RetryMaxDelay = TimeSpan.FromMilliseconds(20);
        foreach (var tool in tools)
        {
            options.Tools.Add(tool);
        }

        return options;
    }

    public static async Task<List<AgentEvent>> CollectAsync(AgentSession session, CancellationToken cancellationToken = default)
    {
        var events = new List<AgentEvent>();
        await foreach (var e in session.RunStreamingAsync(cancellationToken))
        {
            events.Add(e);
        }

        return events;
    }

    public static SessionResult ResultOf(List<AgentEvent> events) => Assert.IsType<SessionCompleted>(events[^1]).Result;

    public static List<ToolCallCompleted> ToolResults(List<AgentEvent> events) => events.OfType<ToolCallCompleted>().ToList();
}
