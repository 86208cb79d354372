namespace Honk.Tasks;

/// <summary>A task file is invalid. <see cref="Errors"/> lists every problem found, each with its line.</summary>
public sealed class TaskFileException : Exception
{
    /// <summary>Creates the exception with no details.</summary>
    public TaskFileException()
        : this("The task file is invalid.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public TaskFileException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public TaskFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Creates the exception from the problems found.</summary>
    /// <param name="source">The file name, if known.</param>
    /// <param name="errors">The problems, at least one.</param>
    public TaskFileException(string? source, IReadOnlyList<TaskFileError> errors)
        : base(Describe(source, errors))
    {
        FilePath = source;
        Errors = errors;
    }

    /// <summary>The file the problems are in, when known.</summary>
    public string? FilePath { get; }

    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<TaskFileError> Errors { get; }

    private static string Describe(string? source, IReadOnlyList<TaskFileError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var name = source ?? "the task file";
        var heading = errors.Count == 1 ? $"Invalid task file {name}:" : $"Invalid task file {name} ({errors.Count} problems):";
        return heading + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e.Format(source)));
    }
}
