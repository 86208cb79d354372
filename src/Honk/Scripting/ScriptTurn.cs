namespace Honk.Scripting;

/// <summary>
/// One scripted assistant response: optional text and optional tool calls. A turn without tool calls ends the model's
/// work (then the stop gate runs).
/// </summary>
public sealed record ScriptTurn
{
    /// <summary>The assistant text, when any.</summary>
    public string? Text { get; init; }

    /// <summary>The tool calls the turn asks for; empty when the model is done.</summary>
    /// <remarks>
    /// Never null: compile-time JSON metadata sets every init-only property, an absent one to null, so the setter
    /// keeps "absent" meaning "no calls" (an explicit JSON null is refused before it gets here).
    /// </remarks>
    public IReadOnlyList<ScriptToolCall> ToolCalls { get; init => field = value ?? []; } = [];

    /// <summary>The usage to report; when <see langword="null"/> it is estimated (characters / 4).</summary>
    public ScriptUsage? Usage { get; init; }

    /// <summary>A pause in milliseconds before each streamed update, for tests of cancellation mid-stream.</summary>
    public int? DelayMs { get; init; }

    /// <inheritdoc />
    public bool Equals(ScriptTurn? other)
        => other is not null
           && string.Equals(Text, other.Text, StringComparison.Ordinal)
           && Equals(Usage, other.Usage)
           && DelayMs == other.DelayMs
           && ToolCalls.SequenceEqual(other.ToolCalls);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Text, Usage, DelayMs, ToolCalls.Count);
}
