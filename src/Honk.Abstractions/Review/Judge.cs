namespace Honk;

/// <summary>
/// Reads a passing change against its task and approves or vetoes it (out-of-scope edits, weakened tests). Guards
/// (deterministic checks) and LLM judges share this contract.
/// </summary>
public abstract class Judge
{
    /// <summary>A short stable name, e.g. <c>scope-guard</c> or <c>llm-judge</c>.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// True for deterministic guards (test integrity, scope): their vetoes are fed back as guard findings with their own
    /// round budget, apart from the LLM judge's.
    /// </summary>
    public virtual bool IsGuard => false;

    /// <summary>Judges the change.</summary>
    /// <param name="context">The task and the change.</param>
    /// <param name="cancellationToken">Cancels the judgement.</param>
    /// <returns>The verdict.</returns>
    public ValueTask<Verdict> JudgeAsync(JudgeContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return JudgeCoreAsync(context, cancellationToken);
    }

    /// <summary>Judges the change.</summary>
    /// <param name="context">The task and the change.</param>
    /// <param name="cancellationToken">Cancels the judgement.</param>
    /// <returns>The verdict.</returns>
    protected abstract ValueTask<Verdict> JudgeCoreAsync(JudgeContext context, CancellationToken cancellationToken);
}
