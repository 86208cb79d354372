namespace Honk.Scripting;

/// <summary>
/// A script could not be loaded: the file is missing, the JSON is invalid, or it is not in the fixed format (unknown
/// properties such as <c>toolcalls</c> are errors too). The message names the place and the expected shape.
/// </summary>
public sealed class ScriptFormatException : Exception
{
    /// <summary>The shape every script must have, quoted in error messages.</summary>
    public const string ExpectedShape =
        "A script is { \"turns\": [ { \"text\": \"...\", \"toolCalls\": [ { \"name\": \"...\", \"arguments\": { } } ] } ] } "
        + "(per turn also optional \"usage\": { \"inputTokens\": N, \"outputTokens\": N } and \"delayMs\": N).";

    /// <summary>Creates the exception.</summary>
    public ScriptFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public ScriptFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ScriptFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The script file, when the script came from one.</summary>
    public string? ScriptPath { get; init; }

    /// <summary>The 1-based line of the problem, when known.</summary>
    public long? Line { get; init; }

    /// <summary>The 1-based position (byte) in the line of the problem, when known.</summary>
    public long? Position { get; init; }

    /// <summary>The JSON path of the problem (e.g. <c>$.turns[0].toolCalls[1]</c>), when known.</summary>
    public string? JsonPath { get; init; }
}
