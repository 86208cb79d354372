using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Honk.Benchmarks;

/// <summary>
/// A model that answers instantly from pre-built updates. Calls 1 to N-1 each stream one assistant message holding one
/// <see cref="FunctionCallContent"/> to <see cref="NoOpTool"/> and then a <see cref="UsageContent"/>; call N streams a
/// plain-text answer. Nothing is built per call except one small enumerator, so what is measured is the loop.
/// </summary>
/// <remarks>
/// The updates are handed out by reference on every session: <c>ToChatResponse()</c> copies usage into a new
/// <see cref="UsageDetails"/> and only moves content references into new messages, and neither loop mutates the call
/// contents (they carry ids, so Honk never replaces them), so sharing them across sessions is safe. The benchmark's
/// setup checks this by running every loop twice and comparing outcomes.
/// </remarks>
public sealed class ZeroLatencyChatClient : IChatClient
{
    private readonly ChatResponseUpdate[][] _turns;
    private readonly ChatClientMetadata _metadata = new("zero-latency", defaultModelId: "zero-latency-1");
    private int _calls;

    /// <summary>Creates a model whose sessions last <paramref name="turns"/> model calls.</summary>
    /// <param name="turns">Model calls per session; the last one answers with text only.</param>
    public ZeroLatencyChatClient(int turns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(turns, 1);
        _turns = new ChatResponseUpdate[turns][];
        for (var i = 0; i < turns - 1; i++)
        {
            _turns[i] = ToolCallTurn(i + 1);
        }

        _turns[turns - 1] = FinalTurn(turns);
    }

    /// <summary>Model calls per session.</summary>
    public int Turns => _turns.Length;

    /// <summary>Model calls since the last <see cref="Reset"/>.</summary>
    public int Calls => _calls;

    /// <summary>Starts a new session: the next call is call 1 again.</summary>
    public void Reset() => _calls = 0;

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var index = _calls++;
        if (index >= _turns.Length)
        {
            throw new InvalidOperationException($"The loop called the model {index + 1} times; it should stop after {_turns.Length}.");
        }

        return new UpdateStream(_turns[index], cancellationToken);
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null)
        => serviceKey is null && serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
            : null;

    public void Dispose()
    {
    }

    // Arguments differ per turn (as a real agent's do): identical calls would, correctly, trip Honk's loop detector.
    private static ChatResponseUpdate[] ToolCallTurn(int turn)
    {
        var path = JsonSerializer.SerializeToElement($"src/File{turn}.cs");
        var call = new FunctionCallContent($"call_{turn}", NoOpTool.ToolName, new Dictionary<string, object?> { ["path"] = path });
        return
        [
            new ChatResponseUpdate(ChatRole.Assistant, [call]) { MessageId = $"msg_{turn}", ResponseId = $"resp_{turn}", ModelId = "zero-latency-1" },
            new ChatResponseUpdate(ChatRole.Assistant, [Usage(turn)]) { MessageId = $"msg_{turn}", FinishReason = ChatFinishReason.ToolCalls },
        ];
    }

    private static ChatResponseUpdate[] FinalTurn(int turn) =>
    [
        new ChatResponseUpdate(ChatRole.Assistant, "Nothing needed changing.") { MessageId = $"msg_{turn}", ResponseId = $"resp_{turn}", ModelId = "zero-latency-1" },
        new ChatResponseUpdate(ChatRole.Assistant, [Usage(turn)]) { MessageId = $"msg_{turn}", FinishReason = ChatFinishReason.Stop },
    ];

    private static UsageContent Usage(int turn)
        => new(new UsageDetails { InputTokenCount = 600 + (30 * turn), OutputTokenCount = 25, TotalTokenCount = 625 + (30 * turn) });

    private sealed class UpdateStream(ChatResponseUpdate[] updates, CancellationToken cancellationToken)
        : IAsyncEnumerable<ChatResponseUpdate>, IAsyncEnumerator<ChatResponseUpdate>
    {
        private int _index = -1;

        public ChatResponseUpdate Current => updates[_index];

        public IAsyncEnumerator<ChatResponseUpdate> GetAsyncEnumerator(CancellationToken cancellationToken = default) => this;

        public ValueTask<bool> MoveNextAsync()
        {
            cancellationToken.ThrowIfCancellationRequested();
            return new ValueTask<bool>(++_index < updates.Length);
        }

        public ValueTask DisposeAsync() => default;
    }
}
