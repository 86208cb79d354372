namespace Honk.Cli;

/// <summary>
/// Exit codes of <c>honk</c>. 0 only for succeeded and no_changes; each other outcome has its own code so scripts
/// can branch without parsing output.
/// </summary>
internal static class CliExitCodes
{
    public const int Success = 0;
    public const int SessionFailed = 1;
    public const int BadInput = 2;
    public const int ValidationFailed = 3;
    public const int Vetoed = 4;
    public const int BudgetExceeded = 5;
    public const int Cancelled = 130;

    public static int For(SessionStatus status) => status switch
    {
        SessionStatus.Succeeded or SessionStatus.NoChanges => Success,
        SessionStatus.ValidationFailed => ValidationFailed,
        SessionStatus.Vetoed => Vetoed,
        SessionStatus.BudgetExceeded => BudgetExceeded,
        SessionStatus.Cancelled => Cancelled,
        _ => SessionFailed,
    };
}
