namespace Honk.Delivery.GitHub;

/// <summary>One commit status (the older statuses API, used by external CI services).</summary>
/// <param name="Context">The status's name, e.g. <c>ci/jenkins</c>.</param>
/// <param name="State"><c>pending</c>, <c>success</c>, <c>failure</c> or <c>error</c>.</param>
/// <param name="Description">A short description, if any.</param>
/// <param name="TargetUrl">Where the details are, if anywhere.</param>
public sealed record GitHubCommitStatus(string Context, string State, string? Description, Uri? TargetUrl);
