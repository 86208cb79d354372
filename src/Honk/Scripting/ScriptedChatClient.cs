using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Honk.Scripting;

/// <summary>
/// An <see cref="IChatClient"/> that answers from a <see cref="ModelScript"/>: each call consumes the next turn and
/// returns it as one assistant message. Deterministic, offline and thread-safe; the model behind <c>--model script:PATH</c>,
/// loop tests and the replay of recorded sessions.
/// </summary>
/// <remarks>
/// Streaming yields the text in a few updates, then one update per tool call (call ids <c>call_&lt;turn&gt;_&lt;n&gt;</c>),
/// then one update carrying <see cref="UsageContent"/>. A tool call whose arguments are not a JSON object is delivered
/// with <see cref="FunctionCallContent.Arguments"/> <see langword="null"/>, <see cref="FunctionCallContent.Exception"/>
/// set, and the raw JSON under <see cref="RawArgumentsKey"/> in its additional properties. When the script runs out the
/// call throws <see cref="ScriptExhaustedException"/>.
/// </remarks>
public sealed class ScriptedChatClient : IChatClient
{
    /// <summary>The provider name and model id the client reports.</summary>
    public const string ModelId = "script";

    /// <summary>Key in <see cref="AIContent.AdditionalProperties"/> of a malformed call holding its raw arguments JSON.</summary>
    public const string RawArgumentsKey = "honk.rawArguments";

    private const int TextChunks = 3;

    private readonly ModelScript _script;
    private readonly TimeProvider _timeProvider;
    private readonly ChatClientMetadata _metadata = new(ModelId, providerUri: null, defaultModelId: ModelId);
    private readonly Lock _gate = new();
    private readonly List<ScriptedRequest> _requests = [];
    private int _consumed;

    /// <summary>Creates a client over a script.</summary>
    /// <param name="script">The script.</param>
    /// <param name="timeProvider">The clock for <see cref="ScriptTurn.DelayMs"/> and timestamps; the system clock by default.</param>
    public ScriptedChatClient(ModelScript script, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(script.Turns);
        _script = script;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The script being played.</summary>
    public ModelScript Script => _script;

    /// <summary>How many turns were consumed so far.</summary>
    public int TurnsConsumed
    {
        get
        {
            lock (_gate)
            {
                return _consumed;
            }
        }
    }

    /// <summary>How many turns are left.</summary>
    public int RemainingTurns => _script.Turns.Count - TurnsConsumed;

    /// <summary>A snapshot of every request received, in order (including one that found the script exhausted).</summary>
    public IReadOnlyList<ScriptedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Loads a script file.</summary>
    /// <param name="path">The script's path.</param>
    /// <param name="timeProvider">The clock; the system clock by default.</param>
    /// <returns>The client.</returns>
    /// <exception cref="ScriptFormatException">The file is missing or not in the script format.</exception>
    public static ScriptedChatClient FromFile(string path, TimeProvider? timeProvider = null) => new(ModelScript.Load(path), timeProvider);

    /// <summary>Parses a script.</summary>
    /// <param name="json">The script's JSON.</param>
    /// <param name="timeProvider">The clock; the system clock by default.</param>
    /// <returns>The client.</returns>
    /// <exception cref="ScriptFormatException">The JSON is invalid or not in the script format.</exception>
    public static ScriptedChatClient FromJson(string json, TimeProvider? timeProvider = null) => new(ModelScript.Parse(json), timeProvider);

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        var sent = messages.ToList();
        var (turnNumber, turn) = Consume(sent, options);
        var created = _timeProvider.GetUtcNow();
        var delay = TimeSpan.FromMilliseconds(turn.DelayMs ?? 0);

        foreach (var chunk in SplitText(turn.Text))
        {
            await PauseAsync(delay, cancellationToken).ConfigureAwait(false);
            yield return NewUpdate(turnNumber, created, [new TextContent(chunk)]);
        }

        for (var i = 0; i < turn.ToolCalls.Count; i++)
        {
            await PauseAsync(delay, cancellationToken).ConfigureAwait(false);
            yield return NewUpdate(turnNumber, created, [ToContent(turn.ToolCalls[i], $"call_{turnNumber}_{i + 1}")]);
        }

        await PauseAsync(delay, cancellationToken).ConfigureAwait(false);
        var final = NewUpdate(turnNumber, created, [new UsageContent(ComputeUsage(sent, turn))]);
        final.FinishReason = turn.ToolCalls.Count > 0 ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop;
        yield return final;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return _metadata;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Nothing to release: the script lives in memory.
    }

    private (int TurnNumber, ScriptTurn Turn) Consume(List<ChatMessage> messages, ChatOptions? options)
    {
        lock (_gate)
        {
            var turnNumber = _consumed + 1;
            _requests.Add(new ScriptedRequest(turnNumber, messages, options?.Clone()));
            if (_consumed >= _script.Turns.Count)
            {
                throw new ScriptExhaustedException(_script.Turns.Count, turnNumber);
            }

            _consumed++;
            return (turnNumber, _script.Turns[turnNumber - 1]);
        }
    }

    private async ValueTask PauseAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private static ChatResponseUpdate NewUpdate(int turnNumber, DateTimeOffset created, IList<AIContent> contents) => new(ChatRole.Assistant, contents)
    {
        MessageId = $"script_msg_{turnNumber}",
        ResponseId = $"script_{turnNumber}",
        ModelId = ModelId,
        CreatedAt = created,
    };

    private static FunctionCallContent ToContent(ScriptToolCall call, string callId)
    {
        if (call.Arguments.ValueKind == JsonValueKind.Object)
        {
            var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var property in call.Arguments.EnumerateObject())
            {
                // JsonElement values are what real providers' parsers produce; AIFunction binding understands them.
                arguments[property.Name] = property.Value.Clone();
            }

            return new FunctionCallContent(callId, call.Name, arguments);
        }

        var raw = call.Arguments.GetRawText();
        return new FunctionCallContent(callId, call.Name, arguments: null)
        {
            Exception = new JsonException($"The arguments of '{call.Name}' are not a JSON object: {raw}"),
            AdditionalProperties = new() { [RawArgumentsKey] = raw },
        };
    }

    private static IEnumerable<string> SplitText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            yield break;
        }

        var size = Math.Max(1, (text.Length + TextChunks - 1) / TextChunks);
        var start = 0;
        while (start < text.Length)
        {
            var end = Math.Min(text.Length, start + size);
            if (end < text.Length && char.IsHighSurrogate(text[end - 1]))
            {
                end++;
            }

            yield return text[start..end];
            start = end;
        }
    }

    private static UsageDetails ComputeUsage(List<ChatMessage> messages, ScriptTurn turn)
    {
        long input;
        long output;
        if (turn.Usage is { } usage)
        {
            input = usage.InputTokens;
            output = usage.OutputTokens;
        }
        else
        {
            input = UsageEstimate.Tokens(UsageEstimate.Characters(messages));
            output = UsageEstimate.Tokens(UsageEstimate.Characters(turn));
        }

        return new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output };
    }
}
