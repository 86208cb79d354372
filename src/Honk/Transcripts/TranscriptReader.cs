using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Honk.Transcripts;

/// <summary>
/// Reads a JSONL transcript back into events. A truncated last line (the host died mid-write) is ignored, as are lines
/// of event types this version does not know; any other broken line is an error naming its line number.
/// </summary>
public static class TranscriptReader
{
    private static readonly HashSet<string> KnownTypes = [.. typeof(AgentEvent)
        .GetCustomAttributes<JsonDerivedTypeAttribute>()
        .Select(a => a.TypeDiscriminator as string)
        .OfType<string>()];

    /// <summary>Reads the events of a transcript file, in order.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The events.</returns>
    /// <exception cref="InvalidDataException">A line other than the last is not a valid event.</exception>
    public static async IAsyncEnumerable<AgentEvent> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 4096, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream);
            var lineNumber = 0;
            var next = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            while (next is not null)
            {
                var line = next;
                lineNumber++;
                next = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                var agentEvent = TryParse(line, isLast: next is null, path, lineNumber);
                if (agentEvent is not null)
                {
                    yield return agentEvent;
                }
            }
        }
    }

    /// <summary>Reads all events of a transcript file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The events, in order.</returns>
    /// <exception cref="InvalidDataException">A line other than the last is not a valid event.</exception>
    public static async Task<IReadOnlyList<AgentEvent>> ReadAllAsync(string path, CancellationToken cancellationToken = default)
    {
        var events = new List<AgentEvent>();
        await foreach (var agentEvent in ReadAsync(path, cancellationToken).ConfigureAwait(false))
        {
            events.Add(agentEvent);
        }

        return events;
    }

    private static AgentEvent? TryParse(string line, bool isLast, string path, int lineNumber)
    {
        try
        {
            return TranscriptJson.Deserialize(line);
        }
        catch (JsonException ex)
        {
            if (IsUnknownType(line))
            {
                return null;
            }

            if (isLast)
            {
                // The writer flushes whole lines; a broken last line is a write the host did not live to finish.
                return null;
            }

            throw new InvalidDataException($"{path}:{lineNumber}: not a transcript event ({ex.Message})", ex);
        }
    }

    private static bool IsUnknownType(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty("type", out var type)
                   && type.ValueKind == JsonValueKind.String
                   && !KnownTypes.Contains(type.GetString()!);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
