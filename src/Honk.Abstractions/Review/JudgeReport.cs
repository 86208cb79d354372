namespace Honk;

/// <summary>One verdict of one guard or judge in one round; a session keeps them all, so veto and recovery rates can be reported.</summary>
/// <param name="Judge">The judge's name.</param>
/// <param name="Round">The review round (1-based).</param>
/// <param name="Verdict">The verdict.</param>
public sealed record JudgeReport(string Judge, int Round, Verdict Verdict);
