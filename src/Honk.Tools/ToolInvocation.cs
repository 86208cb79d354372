using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Honk.Tools;

/// <summary>
/// One call of a <see cref="WorkspaceTool"/>: the session's context, the raw arguments, typed accessors that accept
/// both <see cref="JsonElement"/> and CLR values, and the workspace fence every path must pass through.
/// </summary>
public sealed class ToolInvocation
{
    private WorkspaceFence? _fence;

    /// <summary>Creates an invocation.</summary>
    /// <param name="toolName">The tool's name, used in error messages.</param>
    /// <param name="context">The session's tool context.</param>
    /// <param name="arguments">The call's arguments.</param>
    public ToolInvocation(string toolName, ToolContext context, AIFunctionArguments arguments)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(toolName);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(arguments);
        ToolName = toolName;
        Context = context;
        Arguments = arguments;
    }

    /// <summary>The tool's name.</summary>
    public string ToolName { get; }

    /// <summary>The session's tool context.</summary>
    public ToolContext Context { get; }

    /// <summary>The call's raw arguments.</summary>
    public AIFunctionArguments Arguments { get; }

    /// <summary>The session's workspace.</summary>
    public Workspace Workspace => Context.Workspace;

    /// <summary>The fence over the workspace root: resolve every model-given path through it.</summary>
    public WorkspaceFence Fence => _fence ??= new WorkspaceFence(Context.Workspace.RootPath);

    /// <summary>Gets a required string argument (it may be empty).</summary>
    /// <param name="name">The argument's name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ToolException">The argument is missing or not a string.</exception>
    public string GetString(string name)
        => GetOptionalString(name) ?? throw new ToolException($"{ToolName} needs the argument '{name}' (a string).");

    /// <summary>Gets an optional string argument.</summary>
    /// <param name="name">The argument's name.</param>
    /// <returns>The value, or <see langword="null"/> when absent or null.</returns>
    /// <exception cref="ToolException">The argument is not a string.</exception>
    public string? GetOptionalString(string name)
    {
        var value = GetRaw(name);
        return value switch
        {
            null => null,
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
            _ => throw WrongType(name, "a string", value),
        };
    }

    /// <summary>Gets an optional integer argument; a string holding an integer is accepted too.</summary>
    /// <param name="name">The argument's name.</param>
    /// <returns>The value, or <see langword="null"/> when absent or null.</returns>
    /// <exception cref="ToolException">The argument is not an integer.</exception>
    public int? GetOptionalInt32(string name)
    {
        var value = GetRaw(name);
        switch (value)
        {
            case null:
                return null;
            case int i:
                return i;
            case long l when l is >= int.MinValue and <= int.MaxValue:
                return (int)l;
            case short or byte or sbyte or ushort:
                return Convert.ToInt32(value, CultureInfo.InvariantCulture);
            case double d when d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue:
                return (int)d;
            case string s when int.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            case JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined }:
                return null;
            case JsonElement { ValueKind: JsonValueKind.Number } e when e.TryGetInt32(out var n):
                return n;
            case JsonElement { ValueKind: JsonValueKind.Number } e when e.TryGetDouble(out var d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue:
                return (int)d;
            case JsonElement { ValueKind: JsonValueKind.String } e when int.TryParse(e.GetString()?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            default:
                throw WrongType(name, "an integer", value);
        }
    }

    /// <summary>Gets an optional boolean argument; the strings <c>true</c> and <c>false</c> are accepted too.</summary>
    /// <param name="name">The argument's name.</param>
    /// <returns>The value, or <see langword="null"/> when absent or null.</returns>
    /// <exception cref="ToolException">The argument is not a boolean.</exception>
    public bool? GetOptionalBoolean(string name)
    {
        var value = GetRaw(name);
        return value switch
        {
            null => null,
            bool b => b,
            string s when bool.TryParse(s.Trim(), out var parsed) => parsed,
            JsonElement { ValueKind: JsonValueKind.True } => true,
            JsonElement { ValueKind: JsonValueKind.False } => false,
            JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
            JsonElement { ValueKind: JsonValueKind.String } e when bool.TryParse(e.GetString()?.Trim(), out var parsed) => parsed,
            _ => throw WrongType(name, "a boolean (true or false)", value),
        };
    }

    /// <summary>Gets an optional array-of-strings argument; a single string is accepted as a one-element array.</summary>
    /// <param name="name">The argument's name.</param>
    /// <returns>The values, or <see langword="null"/> when absent or null.</returns>
    /// <exception cref="ToolException">The argument is not an array of strings.</exception>
    public IReadOnlyList<string>? GetOptionalStringArray(string name)
    {
        var value = GetRaw(name);
        switch (value)
        {
            case null:
            case JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined }:
                return null;
            case string s:
                return [s];
            case IEnumerable<string> strings:
                return strings.ToList();
            case JsonElement { ValueKind: JsonValueKind.String } e:
                return [e.GetString()!];
            case JsonElement { ValueKind: JsonValueKind.Array } e when e.EnumerateArray().All(x => x.ValueKind == JsonValueKind.String):
                return e.EnumerateArray().Select(x => x.GetString()!).ToList();
            default:
                throw WrongType(name, "an array of strings", value);
        }
    }

    private object? GetRaw(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Arguments.TryGetValue(name, out var value) ? value : null;
    }

    private ToolException WrongType(string name, string expected, object value)
    {
        var shown = value switch
        {
            JsonElement e => $"{e.ValueKind.ToString().ToLowerInvariant()} {Shorten(e.GetRawText())}",
            _ => $"{value.GetType().Name} {Shorten(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")}",
        };
        return new ToolException($"{ToolName}: argument '{name}' must be {expected}, but got {shown}.");
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
