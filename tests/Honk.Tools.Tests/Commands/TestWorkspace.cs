using Microsoft.Extensions.AI;

namespace Honk.Tools.Tests.Commands;

/// <summary>A workspace over an existing folder, for tool tests.</summary>
internal sealed class TestWorkspace(string root, string? branch = null) : Workspace
{
    public override string RootPath { get; } = root;

    public override string? Branch { get; } = branch;

    public override ValueTask<IReadOnlyList<string>> GetChangedFilesAsync(CancellationToken cancellationToken = default)
        => ValueTask.FromResult<IReadOnlyList<string>>([]);

    public override ValueTask<string> GetDiffAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult("");

    /// <summary>Invokes a tool the way the loop does, with a tool context over this workspace.</summary>
    public async Task<string> InvokeAsync(AIFunction tool, object? arguments, ICommandRunner? runner = null)
    {
        var args = new AIFunctionArguments();
        if (arguments is not null)
        {
            foreach (var property in arguments.GetType().GetProperties())
            {
                args[property.Name] = property.GetValue(arguments);
            }
        }

        args.WithToolContext(new ToolContext("session-1", new CodingTask("test the tools"), this) { CommandRunner = runner });
        var result = await tool.InvokeAsync(args, TestContext.Current.CancellationToken);
        return Assert.IsType<string>(result);
    }
}
