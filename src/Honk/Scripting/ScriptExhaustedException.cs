namespace Honk.Scripting;

/// <summary>
/// The session asked a <see cref="ScriptedChatClient"/> for more turns than its script has. The loop ends the
/// session with status <c>failed</c> and says so.
/// </summary>
public sealed class ScriptExhaustedException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public ScriptExhaustedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ScriptExhaustedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ScriptExhaustedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a script of <paramref name="turnCount"/> turns asked for one more.</summary>
    /// <param name="turnCount">How many turns the script has.</param>
    /// <param name="requestedTurn">The 1-based turn the session asked for.</param>
    public ScriptExhaustedException(int turnCount, int requestedTurn)
        : base($"The script has {turnCount} turn{(turnCount == 1 ? "" : "s")} and the session asked for turn {requestedTurn}.")
    {
        TurnCount = turnCount;
        RequestedTurn = requestedTurn;
    }

    /// <summary>How many turns the script has.</summary>
    public int TurnCount { get; }

    /// <summary>The 1-based turn the session asked for.</summary>
    public int RequestedTurn { get; }
}
