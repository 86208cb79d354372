namespace Honk.Server;

/// <summary>What a pull request's failing CI means for a fix round.</summary>
/// <param name="Feedback">The feedback for the fix round (at most 2 KB), or <see langword="null"/> when nothing is this change's to fix.</param>
/// <param name="FailingChecks">The failing checks the change should fix.</param>
/// <param name="FailingOnBase">Failing checks that fail on the base branch's commit too: reported, not fixed.</param>
public sealed record CiFailureReport(string? Feedback, IReadOnlyList<string> FailingChecks, IReadOnlyList<string> FailingOnBase);
