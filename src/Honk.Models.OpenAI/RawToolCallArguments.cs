using System.Text;
using Microsoft.Extensions.AI;
using OpenAI.Chat;

namespace Honk.Models.OpenAI;

/// <summary>
/// Keeps each tool call's argument text exactly as the server sent it, read from the SDK objects the adapter passes on
/// as <c>RawRepresentation</c>, so the calls can be re-read with <see cref="ToolCallArguments"/>: the adapter reports
/// every unparseable call as "Error parsing function call arguments." (which tells the model nothing), drops the text,
/// rejects the <c>""</c> several servers send for a tool without parameters, and fails on a streamed call without an id.
/// </summary>
internal sealed class RawToolCallArguments
{
    // Streamed pieces carry the id and name only on a call's first piece; later ones carry its index.
    private readonly SortedDictionary<int, PendingCall> _streamed = [];
    private readonly Dictionary<string, string> _textById = new(StringComparer.Ordinal);

    public bool HasCalls => _streamed.Count > 0 || _textById.Count > 0;

    public bool HasCallsWithoutId => _streamed.Values.Any(c => string.IsNullOrEmpty(c.Id));

    public void Add(ChatCompletion completion)
    {
        foreach (var call in completion.ToolCalls)
        {
            if (!string.IsNullOrEmpty(call.Id))
            {
                _textById[call.Id] = call.FunctionArguments?.ToString() ?? "";
            }
        }
    }

    public void Add(StreamingChatCompletionUpdate update)
    {
        foreach (var piece in update.ToolCallUpdates)
        {
            if (!_streamed.TryGetValue(piece.Index, out var call))
            {
                _streamed[piece.Index] = call = new PendingCall();
            }

            call.Id ??= string.IsNullOrEmpty(piece.ToolCallId) ? null : piece.ToolCallId;
            call.Name ??= string.IsNullOrEmpty(piece.FunctionName) ? null : piece.FunctionName;
            if (piece.FunctionArgumentsUpdate is { } fragment && !fragment.IsEmpty)
            {
                call.Text.Append(fragment.ToString());
            }
        }
    }

    /// <summary>Replaces each call the adapter parsed by one read from its raw text (when that text is known).</summary>
    public void Reparse(IList<AIContent> contents)
    {
        for (var i = 0; i < contents.Count; i++)
        {
            if (contents[i] is FunctionCallContent call && TextOf(call.CallId) is { } text)
            {
                contents[i] = ToolCallArguments.CreateCall(call.CallId, call.Name, text);
            }
        }
    }

    /// <summary>Every streamed call, in index order; one the server sent without an id is named after its index.</summary>
    public List<AIContent> BuildStreamed()
        => [.. _streamed.Where(c => c.Value.Name is not null)
            .Select(c => ToolCallArguments.CreateCall(c.Value.Id ?? $"call_{c.Key}", c.Value.Name!, c.Value.Text.ToString()))];

    private string? TextOf(string callId)
        => _textById.TryGetValue(callId, out var text) ? text
            : _streamed.Values.FirstOrDefault(c => c.Id == callId)?.Text.ToString();

    private sealed class PendingCall
    {
        public string? Id { get; set; }

        public string? Name { get; set; }

        public StringBuilder Text { get; } = new();
    }
}
