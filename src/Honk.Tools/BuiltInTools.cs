using Honk.Tools.Files;
using Honk.Tools.Patching;
using Honk.Tools.Search;
using Microsoft.Extensions.AI;

namespace Honk.Tools;

/// <summary>Creates Honk's built-in tool set.</summary>
public static class BuiltInTools
{
    /// <summary>Creates every built-in tool.</summary>
    /// <param name="options">Caps and switches; the defaults when <see langword="null"/>.</param>
    /// <returns>The tools, in the order a model should see them.</returns>
    public static IReadOnlyList<AIFunction> Create(BuiltInToolsOptions? options = null)
    {
        options = options?.Clone() ?? new BuiltInToolsOptions();
        options.Validate();
        return
        [
            new ReadFileTool(options),
            new ListFilesTool(options),
            new SearchTool(options),
            new EditFileTool(options),
            new WriteFileTool(),
            new ApplyPatchTool(options),
            new RunCommandTool(options.RunCommand),
            new GitTool(options.Git),
        ];
    }
}
