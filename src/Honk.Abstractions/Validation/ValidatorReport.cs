namespace Honk;

/// <summary>A validator's name with its result; the element of <see cref="SessionResult.Validators"/>.</summary>
/// <param name="Name">The validator's name, e.g. <c>dotnet</c>.</param>
/// <param name="Result">Its result.</param>
public sealed record ValidatorReport(string Name, ValidationResult Result)
{
    /// <summary>Shorthand for <see cref="ValidationResult.Passed"/>.</summary>
    public bool Passed => Result.Passed;

    /// <summary>Shorthand for <see cref="ValidationResult.Summary"/>.</summary>
    public string Summary => Result.Summary;
}
