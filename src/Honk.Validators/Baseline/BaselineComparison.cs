namespace Honk.Validators;

/// <summary>How a session's failures are compared with the base's: where each ran, and which failures are the session's business.</summary>
public sealed record BaselineComparison
{
    /// <summary>The absolute root of the session's workspace, taken out of its findings before comparing.</summary>
    public string? SessionRoot { get; init; }

    /// <summary>The absolute root of the base's checkout, taken out of the base's findings before comparing.</summary>
    public string? BaseRoot { get; init; }

    /// <summary>
    /// The base checkout's git directory as read when the base ran (<see cref="ValidationBaseline.GitDirectory"/>): the
    /// checkout is gone by the time failures are compared. When unset, it is read from <see cref="BaseRoot"/>'s <c>.git</c>.
    /// </summary>
    public string? BaseGitDirectory { get; init; }

    /// <summary>
    /// Why a failure the base also had is still the session's business (it then blocks), or <see langword="null"/>
    /// when it may be tolerated; see <see cref="SessionBusiness.Reason"/>. When unset, every failure the base had is
    /// tolerated.
    /// </summary>
    public Func<ValidationFinding, string?>? BusinessReason { get; init; }

    /// <summary>
    /// Whether a failure the base also had, and that <see cref="BusinessReason"/> keeps as the session's, belongs to the
    /// environment instead (see <see cref="SessionBusiness.IsEnvironment"/>). When every failure left is one, the result
    /// is of kind <see cref="ValidationFailureKind.Environment"/>. When unset, none is.
    /// </summary>
    public Func<ValidationFinding, bool>? IsEnvironment { get; init; }
}
