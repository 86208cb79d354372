using Microsoft.Extensions.AI;

namespace Honk.Prompting;

/// <summary>What a prompt is built from.</summary>
public sealed record PromptRequest
{
    /// <summary>Creates a request for a task.</summary>
    /// <param name="task">The task.</param>
    public PromptRequest(CodingTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        Task = task;
    }

    /// <summary>The task.</summary>
    public CodingTask Task { get; }

    /// <summary>The repository folder to scan for facts; ignored when <see cref="Facts"/> is given.</summary>
    public string? RepositoryRoot { get; init; }

    /// <summary>Facts already gathered (by <see cref="RepositoryScanner"/>); no scan happens when set.</summary>
    public RepositoryFacts? Facts { get; init; }

    /// <summary>The tools the session offers; their names and descriptions become the tool guidance.</summary>
    public IReadOnlyList<AITool> Tools { get; init; } = [];

    /// <summary>The validators the session's stop gate runs, by name, when known.</summary>
    public IReadOnlyList<string> Validators { get; init; } = [];
}
