namespace Honk.Tools;

/// <summary>
/// Thrown when a command must run in the sandbox but bubblewrap is missing or unusable and the host did not opt out
/// with <see cref="SandboxOptions.AllowUnsandboxed"/>. It signals broken infrastructure, not a mistake of the model.
/// </summary>
public sealed class SandboxUnavailableException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public SandboxUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">Why the sandbox cannot be used and what to do.</param>
    public SandboxUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">Why the sandbox cannot be used and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public SandboxUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
