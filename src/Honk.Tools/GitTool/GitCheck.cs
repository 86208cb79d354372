namespace Honk.Tools;

/// <summary>The outcome of checking a git call that is allowed.</summary>
/// <param name="Subcommand">The subcommand, e.g. <c>status</c>.</param>
/// <param name="MustBeOnSessionBranch">True when the call moves the current branch, so HEAD must be the session's branch.</param>
internal sealed record GitCheck(string Subcommand, bool MustBeOnSessionBranch);
