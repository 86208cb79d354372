namespace Honk.Validators;

/// <summary>
/// The task's policy for failures it may tolerate (<see cref="PreExistingFailures"/>), one for both places that apply
/// it: a failure the untouched base already had (<see cref="BaselineValidator"/>) and a flaky test, failed then passed
/// on its re-run (<see cref="CommandValidator"/>). Either blocks anyway when it is the session's business:
/// <c>auto</c> asks <see cref="SessionBusiness"/>, <c>strict</c> lets every failure block, <c>tolerant</c> none.
/// </summary>
public sealed class FailureBusiness
{
    /// <summary>The reason a <c>strict</c> task gives for every failure.</summary>
    public const string StrictReason = "the task is strict (pre_existing_failures: strict)";

    private readonly PreExistingFailures _policy;
    private readonly SessionBusiness? _business;

    private FailureBusiness(PreExistingFailures policy, SessionBusiness? business)
    {
        _policy = policy;
        _business = business;
    }

    /// <summary>The policy for a validation context: its task, its repository and the session's changed files.</summary>
    /// <param name="context">The session's validation context (not the baseline's).</param>
    /// <param name="cancellationToken">Cancels the scan of the repository, made only when the task's policy is <c>auto</c>.</param>
    /// <returns>The policy.</returns>
    public static async Task<FailureBusiness> ForContextAsync(ValidationContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var policy = context.Task.PreExistingFailures;
        var business = policy is PreExistingFailures.Tolerant or PreExistingFailures.Strict
            ? null
            : await SessionBusiness.ForContextAsync(context, cancellationToken).ConfigureAwait(false);
        return new FailureBusiness(policy, business);
    }

    /// <summary>Why a failure is the session's business (it blocks), or <see langword="null"/> when it may be tolerated.</summary>
    /// <param name="finding">A failure (file repository-relative).</param>
    /// <returns>The reason; <see cref="StrictReason"/> for every failure of a <c>strict</c> task, none for a <c>tolerant</c> one.</returns>
    public string? Reason(ValidationFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return _policy switch
        {
            PreExistingFailures.Tolerant => null,
            PreExistingFailures.Strict => StrictReason,
            _ => _business!.Reason(finding),
        };
    }

    /// <summary>
    /// Whether a failure <see cref="Reason"/> keeps as the session's belongs to the environment instead
    /// (<see cref="SessionBusiness.IsEnvironment"/>); never under <c>strict</c> or <c>tolerant</c>.
    /// </summary>
    /// <param name="finding">A failure the base also had.</param>
    /// <returns>True for an environment failure.</returns>
    public bool IsEnvironment(ValidationFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return _business?.IsEnvironment(finding) == true;
    }
}
