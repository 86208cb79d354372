namespace Honk;

/// <summary>
/// Thrown by a tool to report a problem the model should read and act on (a missing file, an ambiguous edit, a path
/// outside the workspace). The loop turns it into an error tool result carrying only <see cref="Exception.Message"/>;
/// any other exception is also turned into a result, but prefixed with its type because it signals a bug.
/// </summary>
public class ToolException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ToolException()
    {
    }

    /// <summary>Creates the exception with a message for the model.</summary>
    /// <param name="message">What went wrong and, ideally, what to do instead.</param>
    public ToolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message for the model and the underlying cause.</summary>
    /// <param name="message">What went wrong and, ideally, what to do instead.</param>
    /// <param name="innerException">The cause.</param>
    public ToolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
