using System.Buffers;
using System.Text.Json;

namespace Honk.Transcripts;

public sealed partial class SecretRedactor
{
    /// <summary>
    /// Redacts every text of an event (model text, tool arguments and results, checks, the final result) through its
    /// transcript JSON, so a new event type is covered without code here.
    /// </summary>
    /// <param name="agentEvent">The event.</param>
    /// <returns>The redacted event; the same instance when it held no secret.</returns>
    public AgentEvent RedactEvent(AgentEvent agentEvent)
    {
        ArgumentNullException.ThrowIfNull(agentEvent);
        if (ReferenceEquals(this, None))
        {
            return agentEvent;
        }

        var buffer = new ArrayBufferWriter<byte>(1024);
        return RedactJson(JsonSerializer.SerializeToUtf8Bytes(agentEvent, TranscriptJson.Options), buffer)
            ? JsonSerializer.Deserialize<AgentEvent>(buffer.WrittenSpan, TranscriptJson.Options)!
            : agentEvent;
    }

    /// <summary>Redacts every text of a session result (summary, message, checks, verdicts, deliveries).</summary>
    /// <param name="result">The result.</param>
    /// <returns>The redacted result; the same instance when it held no secret.</returns>
    public SessionResult RedactResult(SessionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return RedactEvent(new SessionCompleted(result)) is SessionCompleted completed ? completed.Result : result;
    }
}
