using System.Text.Json;
using Honk.Scripting;

namespace Honk.Transcripts;

/// <summary>Turns a recorded session back into a <see cref="ModelScript"/> so it replays offline.</summary>
public static class TranscriptReplay
{
    /// <summary>
    /// Builds a script from a session's events: every <see cref="AssistantTurnCompleted"/> becomes one turn with its
    /// text, its tool calls (arguments parsed from <see cref="ToolCallRequest.ArgumentsJson"/>) and, when
    /// <paramref name="includeUsage"/>, its reported token usage.
    /// </summary>
    /// <param name="events">The events, in order.</param>
    /// <param name="includeUsage">Whether each turn replays the usage it reported (so budgets behave as recorded).</param>
    /// <returns>The script.</returns>
    /// <remarks>
    /// Arguments that are not valid JSON (a model's garbled call) replay as a JSON string holding the raw text, which
    /// the scripted client delivers as a malformed call again. Empty arguments replay as <c>{}</c>.
    /// </remarks>
    public static ModelScript ToScript(IEnumerable<AgentEvent> events, bool includeUsage = true)
    {
        ArgumentNullException.ThrowIfNull(events);
        var turns = new List<ScriptTurn>();
        foreach (var turn in events.OfType<AssistantTurnCompleted>())
        {
            turns.Add(new ScriptTurn
            {
                Text = string.IsNullOrEmpty(turn.Text) ? null : turn.Text,
                ToolCalls = [.. turn.ToolCalls.Select(c => new ScriptToolCall(c.Name, ParseArguments(c.ArgumentsJson)))],
                Usage = includeUsage ? new ScriptUsage(turn.Usage.InputTokens, turn.Usage.OutputTokens) : null,
            });
        }

        return new ModelScript(turns);
    }

    /// <summary>Reads a transcript file and builds its script.</summary>
    /// <param name="transcriptPath">The JSONL transcript.</param>
    /// <param name="includeUsage">Whether each turn replays the usage it reported.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The script.</returns>
    public static async Task<ModelScript> LoadScriptAsync(string transcriptPath, bool includeUsage = true, CancellationToken cancellationToken = default)
    {
        var events = await TranscriptReader.ReadAllAsync(transcriptPath, cancellationToken).ConfigureAwait(false);
        return ToScript(events, includeUsage);
    }

    private static JsonElement ParseArguments(string? argumentsJson)
    {
        if (string.IsNullOrWhiteSpace(argumentsJson))
        {
            return default;
        }

        try
        {
            using var document = JsonDocument.Parse(argumentsJson);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(argumentsJson);
        }
    }
}
