using System.Text.Json;

namespace Honk.Scripting;

/// <summary>One tool call of a scripted turn: <c>{ "name": "...", "arguments": { ... } }</c>.</summary>
/// <remarks>
/// <see cref="Arguments"/> may be any JSON value. A value that is not an object is delivered to the loop as a
/// malformed call (see <see cref="ScriptedChatClient.RawArgumentsKey"/>), which is how scripts exercise the loop's
/// handling of bad arguments. Missing arguments mean <c>{}</c>.
/// </remarks>
public sealed record ScriptToolCall
{
    private static readonly JsonElement EmptyObject = ParseEmptyObject();

    /// <summary>Creates a tool call.</summary>
    /// <param name="name">The tool name.</param>
    /// <param name="arguments">The arguments; <see langword="default"/> (undefined) means <c>{}</c>.</param>
    public ScriptToolCall(string name, JsonElement arguments = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Arguments = arguments.ValueKind == JsonValueKind.Undefined ? EmptyObject : arguments.Clone();
    }

    /// <summary>The tool name.</summary>
    public string Name { get; }

    /// <summary>The arguments, any JSON value (an object for a well-formed call).</summary>
    public JsonElement Arguments { get; }

    /// <summary>Creates a tool call from its arguments as JSON text.</summary>
    /// <param name="name">The tool name.</param>
    /// <param name="argumentsJson">The arguments as JSON, e.g. <c>{"path":"a.txt"}</c>.</param>
    /// <returns>The tool call.</returns>
    /// <exception cref="JsonException"><paramref name="argumentsJson"/> is not valid JSON.</exception>
    public static ScriptToolCall Parse(string name, string argumentsJson)
    {
        ArgumentNullException.ThrowIfNull(argumentsJson);
        using var document = JsonDocument.Parse(argumentsJson);
        return new ScriptToolCall(name, document.RootElement);
    }

    private static JsonElement ParseEmptyObject()
    {
        using var document = JsonDocument.Parse("{}");
        return document.RootElement.Clone();
    }

    /// <inheritdoc />
    public bool Equals(ScriptToolCall? other)
        => other is not null
           && string.Equals(Name, other.Name, StringComparison.Ordinal)
           && JsonElement.DeepEquals(Arguments, other.Arguments);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Arguments.ValueKind);
}
