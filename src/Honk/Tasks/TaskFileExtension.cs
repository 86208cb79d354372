namespace Honk.Tasks;

/// <summary>
/// Extra front-matter keys for a file format built on task files (a campaign file is a task file plus
/// <c>targets</c>, <c>waves</c> …). The task-file parser reads its own keys, hands the extension's keys to
/// <see cref="Read"/>, and reports every problem of both, each with its line, in one <see cref="TaskFileException"/>.
/// </summary>
/// <remarks>An instance reads one file: keep what <see cref="Read"/> finds in its own properties.</remarks>
public abstract class TaskFileExtension
{
    /// <summary>The extra keys this extension reads.</summary>
    public abstract IReadOnlyCollection<string> Keys { get; }

    /// <summary>Common wrong names mapped to the right keys, for "Did you mean …?" suggestions.</summary>
    public virtual IReadOnlyDictionary<string, string> Synonyms { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Reads the extension's keys once the task-file keys are read. Problems go to <see cref="TaskFileFields.Error"/>.</summary>
    /// <param name="fields">The extension's keys present in the file.</param>
    protected internal abstract void Read(TaskFileFields fields);
}
