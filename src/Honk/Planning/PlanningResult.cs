namespace Honk.Planning;

/// <summary>What a planning session produced.</summary>
public sealed record PlanningResult
{
    /// <summary>The approved draft (it parses), or <see langword="null"/> when the person approved none.</summary>
    public string? Draft { get; init; }

    /// <summary>True when the person approved <see cref="Draft"/>.</summary>
    public bool Approved => Draft is not null;

    /// <summary>The questions the model asked, with the answers, in order.</summary>
    public IReadOnlyList<(string Question, string Answer)> Questions { get; init; } = [];

    /// <summary>The planning session's own result (turns, usage, transcript); it never changes the repository.</summary>
    public required SessionResult Session { get; init; }
}
