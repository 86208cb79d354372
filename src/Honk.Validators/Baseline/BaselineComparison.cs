namespace Honk.Validators;

/// <summary>How a session's failures are compared with the base's: where each ran, and which failures are the session's business.</summary>
public sealed record BaselineComparison
{
    /// <summary>The absolute root of the session's workspace, taken out of its findings before comparing.</summary>
    public string? SessionRoot { get; init; }

    /// <summary>The absolute root of the base's checkout, taken out of the base's findings before comparing.</summary>
    public string? BaseRoot { get; init; }

    /// <summary>
    /// Why a failure the base also had is still the session's business (it then blocks), or <see langword="null"/>
    /// when it may be tolerated; see <see cref="SessionBusiness.Reason"/>. When unset, every failure the base had is
    /// tolerated.
    /// </summary>
    public Func<ValidationFinding, string?>? BusinessReason { get; init; }
}
