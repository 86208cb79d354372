namespace Honk;

/// <summary>
/// A check the repository must pass before a session may finish (build, tests, lint). Validators switch on from the
/// repository's contents (<see cref="AppliesToAsync"/>) and report only what matters (<see cref="ValidateAsync"/>).
/// </summary>
public abstract class Validator
{
    /// <summary>A short stable name, e.g. <c>dotnet</c> or <c>npm</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Whether this validator applies to the workspace (e.g. a <c>package.json</c> exists).</summary>
    /// <param name="context">The validation context.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns><see langword="true"/> when the validator should run.</returns>
    public ValueTask<bool> AppliesToAsync(ValidationContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return AppliesToCoreAsync(context, cancellationToken);
    }

    /// <summary>Runs the checks and returns a concise result.</summary>
    /// <param name="context">The validation context.</param>
    /// <param name="cancellationToken">Cancels the run; started processes are killed.</param>
    /// <returns>The result.</returns>
    public ValueTask<ValidationResult> ValidateAsync(ValidationContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValidateCoreAsync(context, cancellationToken);
    }

    /// <summary>Decides applicability; the default applies everywhere.</summary>
    /// <param name="context">The validation context.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns><see langword="true"/> when the validator should run.</returns>
    protected virtual ValueTask<bool> AppliesToCoreAsync(ValidationContext context, CancellationToken cancellationToken)
        => ValueTask.FromResult(true);

    /// <summary>Runs the checks.</summary>
    /// <param name="context">The validation context.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The result.</returns>
    protected abstract ValueTask<ValidationResult> ValidateCoreAsync(ValidationContext context, CancellationToken cancellationToken);
}
