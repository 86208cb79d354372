using System.Text.Json;
using System.Text.Json.Serialization;

namespace Honk;

/// <summary>
/// How a session ended. The JSON names (snake_case) are a fixed contract of the CLI's <c>--json</c> output.
/// </summary>
[JsonConverter(typeof(SessionStatusJsonConverter))]
public enum SessionStatus
{
    /// <summary>The change passed the stop gate, the guards and the judge, and was delivered. JSON: <c>succeeded</c>.</summary>
    Succeeded,

    /// <summary>The session ended without changing anything (including "not applicable"). JSON: <c>no_changes</c>.</summary>
    NoChanges,

    /// <summary>Validators still failed when the stop-gate rounds ran out. JSON: <c>validation_failed</c>.</summary>
    ValidationFailed,

    /// <summary>A guard or the judge vetoed the change and the model did not recover. JSON: <c>vetoed</c>.</summary>
    Vetoed,

    /// <summary>A budget limit (turns, tokens, cost, time, tool calls) was hit. JSON: <c>budget_exceeded</c>.</summary>
    BudgetExceeded,

    /// <summary>The session could not complete: provider errors, a loop, a script that ran out. JSON: <c>failed</c>.</summary>
    Failed,

    /// <summary>The caller cancelled the session. JSON: <c>cancelled</c>.</summary>
    Cancelled,
}

/// <summary>Wire names of <see cref="SessionStatus"/>.</summary>
public static class SessionStatusNames
{
    /// <summary>Returns the fixed snake_case name of a status, e.g. <c>budget_exceeded</c>.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The wire name.</returns>
    public static string ToWireName(this SessionStatus status) => status switch
    {
        SessionStatus.Succeeded => "succeeded",
        SessionStatus.NoChanges => "no_changes",
        SessionStatus.ValidationFailed => "validation_failed",
        SessionStatus.Vetoed => "vetoed",
        SessionStatus.BudgetExceeded => "budget_exceeded",
        SessionStatus.Failed => "failed",
        SessionStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown session status."),
    };

    /// <summary>Parses a wire name back to a status.</summary>
    /// <param name="name">The snake_case name.</param>
    /// <param name="status">The status when the name is known.</param>
    /// <returns><see langword="true"/> when the name is known.</returns>
    public static bool TryParse(string? name, out SessionStatus status)
    {
        foreach (var candidate in Enum.GetValues<SessionStatus>())
        {
            if (string.Equals(candidate.ToWireName(), name, StringComparison.Ordinal))
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }
}

/// <summary>Writes and reads <see cref="SessionStatus"/> as its fixed snake_case name.</summary>
public sealed class SessionStatusJsonConverter : JsonConverter<SessionStatus>
{
    /// <inheritdoc />
    public override SessionStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => SessionStatusNames.TryParse(reader.GetString(), out var status)
            ? status
            : throw new JsonException($"Unknown session status '{reader.GetString()}'.");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, SessionStatus value, JsonSerializerOptions options)
        => writer.WriteStringValue(value.ToWireName());
}
