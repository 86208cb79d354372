namespace Honk.Scripting;

/// <summary>
/// A scripted model in the fixed format <c>{ "turns": [ { "text": "...", "toolCalls": [ { "name": "...",
/// "arguments": {...} } ] } ] }</c>. The same format is the replay of a recorded session.
/// </summary>
/// <param name="Turns">The assistant responses, in order.</param>
public sealed record ModelScript(IReadOnlyList<ScriptTurn> Turns)
{
    /// <summary>Parses a script.</summary>
    /// <param name="json">The script's JSON.</param>
    /// <returns>The script.</returns>
    /// <exception cref="ScriptFormatException">The JSON is invalid or not in the script format.</exception>
    public static ModelScript Parse(string json) => ModelScriptJson.Parse(json, source: null);

    /// <summary>Reads a script file.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>The script.</returns>
    /// <exception cref="ScriptFormatException">The file is missing, unreadable, or not in the script format.</exception>
    public static ModelScript Load(string path) => ModelScriptJson.Load(path);

    /// <summary>Writes the script in the fixed format (indented; absent text, usage and tool calls are left out).</summary>
    /// <returns>The JSON.</returns>
    public string ToJson() => ModelScriptJson.Serialize(this);

    /// <inheritdoc />
    public bool Equals(ModelScript? other) => other is not null && Turns.SequenceEqual(other.Turns);

    /// <inheritdoc />
    public override int GetHashCode() => Turns.Count;
}
