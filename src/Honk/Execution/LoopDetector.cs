namespace Honk.Execution;

/// <summary>
/// Deterministic stuck detection: the same tool with the same canonical arguments, asked again while the workspace's
/// fingerprint has not changed, is counted. Progress (any change to the workspace) resets every count, so re-running
/// the tests after an edit is never mistaken for a loop.
/// </summary>
internal sealed class LoopDetector(int warnAt, int failAt)
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private string? _fingerprint;

    /// <summary>Records the workspace state seen before a batch of calls; a change resets all counts.</summary>
    public void ObserveWorkspace(string fingerprint)
    {
        if (!string.Equals(fingerprint, _fingerprint, StringComparison.Ordinal))
        {
            _fingerprint = fingerprint;
            _counts.Clear();
        }
    }

    /// <summary>Records one call and says whether it repeats enough to warn or to stop.</summary>
    public LoopVerdict Observe(string toolName, string canonicalArguments)
    {
        var key = string.Concat(toolName, "\u0000", canonicalArguments);
        var count = _counts.TryGetValue(key, out var seen) ? seen + 1 : 1;
        _counts[key] = count;
        return count >= failAt ? new LoopVerdict(LoopState.Stuck, count)
            : count >= warnAt ? new LoopVerdict(LoopState.Warn, count)
            : new LoopVerdict(LoopState.Fine, count);
    }
}

/// <summary>The detector's reading of one call.</summary>
internal readonly record struct LoopVerdict(LoopState State, int Repeats);

/// <summary>How stuck the model looks.</summary>
internal enum LoopState
{
    Fine,
    Warn,
    Stuck,
}
