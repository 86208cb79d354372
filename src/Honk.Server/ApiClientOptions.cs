namespace Honk.Server;

/// <summary>
/// One API client: a name, its key and its roles. A request with the key acts as <c>api:&lt;name&gt;</c> — that identity,
/// never a name in the request body, is the session's requester and the subject of its review link.
/// </summary>
public sealed class ApiClientOptions
{
    /// <summary>The role that may create and cancel sessions.</summary>
    public const string TriggerRole = "trigger";

    /// <summary>The role that may approve or request changes on the review page.</summary>
    public const string ApproveRole = "approve";

    /// <summary>The client's name (letters, digits, <c>.</c>, <c>_</c>, <c>-</c>); its identity is <c>api:&lt;name&gt;</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The key, sent as <c>Authorization: Bearer &lt;key&gt;</c> (at least 16 characters).</summary>
    public string Key { get; set; } = "";

    /// <summary>
    /// The client's roles: <c>trigger</c> (create and cancel sessions) and <c>approve</c>. Every client may read
    /// sessions. Empty: <c>trigger</c> only.
    /// </summary>
    public IList<string> Roles { get; } = [];

    /// <summary>The identity requests with this key act as.</summary>
    public string Identity => "api:" + Name;

    /// <summary>Whether the client holds <paramref name="role"/> (an empty role list means <c>trigger</c>).</summary>
    /// <param name="role">The role.</param>
    /// <returns>True when held.</returns>
    public bool Has(string role) => Roles.Count == 0 ? role == TriggerRole : Roles.Contains(role, StringComparer.OrdinalIgnoreCase);
}
