namespace Honk.Validators;

/// <summary>A repository's <c>honk.json</c> holds validator settings that cannot be used; the message says what to fix.</summary>
public sealed class RepositorySettingsException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RepositorySettingsException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    public RepositorySettingsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public RepositorySettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
