using Microsoft.Extensions.AI;

namespace Honk.Scripting;

/// <summary>A request a <see cref="ScriptedChatClient"/> received, kept for assertions in tests.</summary>
/// <param name="Turn">The 1-based turn the request asked for.</param>
/// <param name="Messages">A copy of the messages sent (the list is copied; the messages are the caller's).</param>
/// <param name="Options">A clone of the options sent, when any.</param>
public sealed record ScriptedRequest(int Turn, IReadOnlyList<ChatMessage> Messages, ChatOptions? Options);
