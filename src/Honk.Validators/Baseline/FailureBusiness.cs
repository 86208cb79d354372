namespace Honk.Validators;

/// <summary>
/// The rule for a flaky test (failed, then passed on its re-run): like a failure the untouched base already had, it
/// blocks anyway when it is the session's business. The task's <see cref="PreExistingFailures"/> chooses how, as it
/// does for base failures in <see cref="BaselineValidator"/> (which also needs <see cref="SessionBusiness"/>'s
/// environment test, so it asks that directly): <c>auto</c> asks <see cref="SessionBusiness"/>, <c>strict</c> lets
/// every flaky test block, <c>tolerant</c> none.
/// </summary>
public static class FailureBusiness
{
    /// <summary>The reason a <c>strict</c> task gives for every failure.</summary>
    public const string StrictReason = "the task is strict (pre_existing_failures: strict)";

    /// <summary>The rule for a validation context: its task, its repository and the session's changed files.</summary>
    /// <param name="context">The session's validation context.</param>
    /// <param name="cancellationToken">Cancels the scan of the repository.</param>
    /// <returns>
    /// A function giving why a failure (file repository-relative) is the session's business, or <see langword="null"/>
    /// when it may be tolerated.
    /// </returns>
    public static async Task<Func<ValidationFinding, string?>> ForContextAsync(ValidationContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        switch (context.Task.PreExistingFailures)
        {
            case PreExistingFailures.Tolerant:
                return _ => null;
            case PreExistingFailures.Strict:
                return _ => StrictReason;
            default:
                var business = await SessionBusiness.ForContextAsync(context, cancellationToken).ConfigureAwait(false);
                return business.Reason;
        }
    }
}
