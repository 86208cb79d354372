namespace Honk.Tasks;

/// <summary>
/// A parsed task file: the <see cref="CodingTask"/> the agent works on, plus how its result is delivered.
/// The format is Markdown with an optional YAML front-matter block; see <c>docs/task-files.md</c>.
/// </summary>
public sealed record TaskFile
{
    /// <summary>The task: goal, title, preconditions, examples, definition of done, allowed paths and budget.</summary>
    public required CodingTask Task { get; init; }

    /// <summary>The delivery asked for by the file (<c>delivery:</c>), or <see langword="null"/> to leave it to the host.</summary>
    public TaskDelivery? Delivery { get; init; }

    /// <summary>The branch name asked for by the file (<c>branch:</c>), or <see langword="null"/>.</summary>
    public string? Branch { get; init; }

    /// <summary>Where the file was read from, when it was read from a file.</summary>
    public string? Source { get; init; }

    /// <summary>A task with only a goal, as given by <c>--task "text"</c>.</summary>
    /// <param name="goal">The end state the agent must reach.</param>
    /// <returns>The task file.</returns>
    /// <exception cref="ArgumentException">The goal is empty.</exception>
    public static TaskFile FromGoal(string goal)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(goal);
        return new TaskFile { Task = new CodingTask(goal.Trim()) };
    }

    /// <summary>The most characters a task file may hold (1,000,000): a task is a page, not a data set.</summary>
    public const int MaxLength = 1_000_000;

    /// <summary>Parses the text of a task file.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="source">The file name used in error messages, if any.</param>
    /// <returns>The task file.</returns>
    /// <exception cref="TaskFileException">The text is not a valid task file; every problem is listed with its line.</exception>
    public static TaskFile Parse(string text, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TaskFileParser.Parse(text, source);
    }

    /// <summary>Parses the text of a file format built on task files: the task-file keys plus the extension's keys.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="source">The file name used in error messages, if any.</param>
    /// <param name="extension">Reads the extra keys; it keeps what it read.</param>
    /// <returns>The task file (the extension holds the rest).</returns>
    /// <exception cref="TaskFileException">The text is not valid; every problem, of both parts, is listed with its line.</exception>
    public static TaskFile Parse(string text, string? source, TaskFileExtension extension)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(extension);
        return TaskFileParser.Parse(text, source, extension) with { Source = source };
    }

    /// <summary>Reads and parses a task file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The task file.</returns>
    /// <exception cref="TaskFileException">The file is not a valid task file, or is a named pipe or a socket.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static async Task<TaskFile> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var text = await BoundedTextFile.ReadAsync(path, MaxLength, cancellationToken).ConfigureAwait(false);
        return TaskFileParser.Parse(text, path) with { Source = path };
    }
}
