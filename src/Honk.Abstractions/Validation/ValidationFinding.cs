namespace Honk;

/// <summary>One distinct problem a validator found: a compiler error, a failing test, a lint violation.</summary>
/// <param name="Message">The problem, concise (e.g. <c>Expected: 8, Actual: 9</c>).</param>
public sealed record ValidationFinding(string Message)
{
    /// <summary>The file (relative to the repository root), when known.</summary>
    public string? File { get; init; }

    /// <summary>The 1-based line, when known.</summary>
    public int? Line { get; init; }

    /// <summary>The 1-based column, when known.</summary>
    public int? Column { get; init; }

    /// <summary>A diagnostic code such as <c>CS0103</c>, when known.</summary>
    public string? Code { get; init; }

    /// <summary>The failing test's fully qualified name, when the finding is a test failure.</summary>
    public string? TestName { get; init; }

    /// <summary>True when the same finding was already present on the untouched base (it does not block the gate).</summary>
    public bool PreExisting { get; init; }

    /// <inheritdoc />
    public override string ToString()
    {
        var location = File is null ? null : Line is null ? File : Column is null ? $"{File}({Line})" : $"{File}({Line},{Column})";
        var subject = TestName ?? Code;
        return (location, subject) switch
        {
            (null, null) => Message,
            (null, _) => $"{subject}: {Message}",
            (_, null) => $"{location}: {Message}",
            _ => $"{location}: {subject}: {Message}",
        };
    }
}
