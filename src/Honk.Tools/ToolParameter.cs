namespace Honk.Tools;

/// <summary>One argument of a tool, as the model sees it in the tool's JSON schema.</summary>
/// <param name="Name">The argument's name, e.g. <c>path</c>.</param>
/// <param name="Type">The JSON type: <c>string</c>, <c>integer</c>, <c>boolean</c>, <c>number</c> or <c>array</c>.</param>
/// <param name="Description">What the argument means, written for a model.</param>
/// <param name="Required">Whether the model must pass it.</param>
public sealed record ToolParameter(string Name, string Type, string Description, bool Required = false)
{
    /// <summary>The smallest allowed value of an <c>integer</c> or <c>number</c> argument.</summary>
    public int? Minimum { get; init; }

    /// <summary>The JSON type of the items of an <c>array</c> argument; <c>string</c> by default.</summary>
    public string ItemType { get; init; } = "string";
}
