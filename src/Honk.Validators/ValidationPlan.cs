namespace Honk.Validators;

/// <summary>What a <see cref="CommandValidator"/> decided to do for one validation, as data.</summary>
public sealed record ValidationPlan
{
    private ValidationPlan(IReadOnlyList<ValidationStep> steps, ValidationResult? result)
    {
        Steps = steps;
        Result = result;
    }

    /// <summary>The commands to run, in order.</summary>
    public IReadOnlyList<ValidationStep> Steps { get; }

    /// <summary>
    /// The name the summary starts with when it is not the validator's: the tool that actually ran, e.g. <c>pnpm</c> or
    /// <c>yarn</c> for the <c>npm</c> validator. The report keeps the validator's name.
    /// </summary>
    public string? Label { get; init; }

    /// <summary>A result decided without running anything (a skip, or a failure such as a missing restore).</summary>
    public ValidationResult? Result { get; }

    /// <summary>Runs these steps in order.</summary>
    /// <param name="steps">The steps.</param>
    /// <returns>The plan.</returns>
    public static ValidationPlan Run(params IEnumerable<ValidationStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var list = steps.ToArray();
        return list.Length == 0 ? throw new ArgumentException("A plan needs at least one step.", nameof(steps)) : new(list, null);
    }

    /// <summary>Runs nothing: the validator does not apply or cannot run here. Does not block the gate.</summary>
    /// <param name="reason">Why, in one line.</param>
    /// <returns>The plan.</returns>
    public static ValidationPlan Skip(string reason) => new([], ValidationResult.Skip(reason));

    /// <summary>Runs nothing and fails, e.g. because packages must be restored and the network is off.</summary>
    /// <param name="summary">What is wrong and how to fix it.</param>
    /// <returns>The plan.</returns>
    public static ValidationPlan Fail(string summary) => new([], ValidationResult.Failure(summary, [new ValidationFinding(summary)]));

    /// <summary>
    /// Runs nothing and fails as the environment (<see cref="ValidationFailureKind.Environment"/>): the repository's
    /// checks apply but cannot run on this machine (their toolchain is missing). It blocks — nothing vouches for the
    /// change — and is not sent to the model as a fix request.
    /// </summary>
    /// <param name="summary">What is missing.</param>
    /// <returns>The plan.</returns>
    public static ValidationPlan CannotRunHere(string summary)
        => new([], ValidationResult.Failure(summary, [new ValidationFinding(summary)], ValidationFailureKind.Environment));
}
