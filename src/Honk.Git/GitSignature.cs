namespace Honk.Git;

/// <summary>Who made a commit, and when: used as both author and committer.</summary>
/// <param name="Name">The name.</param>
/// <param name="Email">The e-mail address.</param>
/// <param name="When">The time; stored to the second, in UTC.</param>
public sealed record GitSignature(string Name, string Email, DateTimeOffset When);
