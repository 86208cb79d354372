namespace Honk;

/// <summary>A judge's or guard's decision on a change, as data.</summary>
public sealed record Verdict
{
    private Verdict(bool approved, string? feedback)
    {
        Approved = approved;
        Feedback = feedback;
    }

    /// <summary>True when the change may be delivered.</summary>
    public bool Approved { get; }

    /// <summary>Why the change was vetoed (sent back to the model), or a note on an approval.</summary>
    public string? Feedback { get; }

    /// <summary>Approves the change.</summary>
    /// <param name="note">An optional note for people.</param>
    /// <returns>The verdict.</returns>
    public static Verdict Approve(string? note = null) => new(true, note);

    /// <summary>Vetoes the change.</summary>
    /// <param name="feedback">What is wrong, phrased so the model can act on it.</param>
    /// <returns>The verdict.</returns>
    public static Verdict Veto(string feedback)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(feedback);
        return new(false, feedback);
    }
}
