using Microsoft.Extensions.AI;

namespace Honk;

/// <summary>
/// Traits of a tool the loop cares about, carried in <see cref="AITool.AdditionalProperties"/> so any
/// <see cref="AIFunction"/> (including ones from <see cref="AIFunctionFactory"/>) can declare them.
/// </summary>
public static class ToolTraits
{
    /// <summary>
    /// Key of the "read-only" trait: a tool that never changes the workspace. Read-only calls of one turn run in
    /// parallel; every other call runs alone, in the order the model asked.
    /// </summary>
    public const string ReadOnlyKey = "honk.readOnly";

    /// <summary>True when the tool declared itself read-only.</summary>
    /// <param name="tool">The tool.</param>
    /// <returns>Whether calls to it may run in parallel with other read-only calls.</returns>
    public static bool IsReadOnly(this AITool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        return tool.AdditionalProperties.TryGetValue(ReadOnlyKey, out var value) && value is true;
    }

    /// <summary>Properties to pass as <see cref="AIFunctionFactoryOptions.AdditionalProperties"/> for a read-only tool.</summary>
    public static IReadOnlyDictionary<string, object?> ReadOnly { get; } = new Dictionary<string, object?> { [ReadOnlyKey] = true };
}
