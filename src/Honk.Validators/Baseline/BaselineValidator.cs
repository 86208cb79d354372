namespace Honk.Validators;

/// <summary>
/// Wraps a validator so its failures are compared with the untouched base: findings the base already had are marked
/// pre-existing — unless they are the session's business by the task's policy (<see cref="FailureBusiness"/>). The baseline is asked for only when the inner validator fails, and at most once.
/// </summary>
public sealed class BaselineValidator : Validator
{
    private readonly Validator _inner;
    private readonly Func<CancellationToken, Task<ValidationBaseline>> _capture;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ValidationBaseline? _baseline;

    /// <summary>Creates the wrapper.</summary>
    /// <param name="inner">The validator.</param>
    /// <param name="capture">
    /// Produces the baseline, e.g. <see cref="ValidationBaseline.CaptureAsync"/> on a worktree at the base commit; it
    /// may be shared by several wrappers (cache it) and is called at most once by each.
    /// </param>
    public BaselineValidator(Validator inner, Func<CancellationToken, Task<ValidationBaseline>> capture)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(capture);
        _inner = inner;
        _capture = capture;
    }

    /// <inheritdoc />
    public override string Name => _inner.Name;

    /// <summary>The wrapped validator.</summary>
    public Validator Inner => _inner;

    /// <inheritdoc />
    protected override ValueTask<bool> AppliesToCoreAsync(ValidationContext context, CancellationToken cancellationToken)
        => _inner.AppliesToAsync(context, cancellationToken);

    /// <inheritdoc />
    protected override async ValueTask<ValidationResult> ValidateCoreAsync(ValidationContext context, CancellationToken cancellationToken)
    {
        var current = await _inner.ValidateAsync(context, cancellationToken).ConfigureAwait(false);

        // Round 0 is the untouched tree itself; a strict task lets every failure block; "no tests ran" and broken
        // runs always block. None of these needs the base.
        if (current.Outcome != ValidationOutcome.Failed
            || context.Round == 0
            || context.Task.PreExistingFailures == PreExistingFailures.Strict
            || current.FailureKind != ValidationFailureKind.Checks)
        {
            return current;
        }

        var baseline = await GetBaselineAsync(cancellationToken).ConfigureAwait(false);
        if (baseline.For(Name) is not { } result)
        {
            return current;
        }

        var business = await FailureBusiness.ForContextAsync(context, cancellationToken).ConfigureAwait(false);
        var comparison = new BaselineComparison
        {
            SessionRoot = context.Workspace.RootPath,
            BaseRoot = baseline.RootPath,
            BaseGitDirectory = baseline.GitDirectory,
            BusinessReason = business.Reason,
            IsEnvironment = business.IsEnvironment,
        };
        return ValidationBaseline.MarkPreExisting(current, result, comparison);
    }

    private async Task<ValidationBaseline> GetBaselineAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _baseline ??= await _capture(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
