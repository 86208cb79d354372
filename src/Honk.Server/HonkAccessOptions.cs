namespace Honk.Server;

/// <summary>
/// Allow-lists. Identities are <c>slack:&lt;user id&gt;</c>, <c>github:&lt;login&gt;</c>, or a login-token name.
/// An empty list allows nobody; <c>*</c> allows everybody.
/// </summary>
public sealed class HonkAccessOptions
{
    /// <summary>Who may start sessions from Slack or GitHub.</summary>
    public ISet<string> Triggerers { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Who may approve or request changes on the review page.</summary>
    public ISet<string> Approvers { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Whether the person who asked for a session may approve it. Default true.</summary>
    public bool RequesterMayApprove { get; set; } = true;

    /// <summary>Whether <paramref name="identity"/> may start sessions.</summary>
    /// <param name="identity">The identity.</param>
    /// <returns>True when allow-listed.</returns>
    public bool MayTrigger(string identity) => Allowed(Triggerers, identity);

    /// <summary>Whether <paramref name="identity"/> may approve a session asked for by <paramref name="requester"/>.</summary>
    /// <param name="identity">Who wants to approve.</param>
    /// <param name="requester">Who asked for the session.</param>
    /// <returns>True when allow-listed and not refused as self-approval.</returns>
    public bool MayApprove(string identity, string? requester)
        => Allowed(Approvers, identity) && (RequesterMayApprove || !string.Equals(identity, requester, StringComparison.Ordinal));

    private static bool Allowed(ISet<string> list, string identity)
        => !string.IsNullOrEmpty(identity) && (list.Contains("*") || list.Contains(identity));
}
