namespace Honk.Tools;

/// <summary>Whether bubblewrap can be used, and if not, why.</summary>
/// <param name="Path">The usable program, when available.</param>
/// <param name="Reason">Why it cannot be used, when unavailable.</param>
/// <param name="UserNamespace">Whether it can map commands to an unprivileged user (<c>--unshare-user</c>).</param>
internal sealed record BubblewrapStatus(string? Path, string? Reason, bool UserNamespace = false)
{
    /// <summary>True when the sandbox can be built.</summary>
    public bool IsAvailable => Path is not null;

    /// <summary>A usable bubblewrap.</summary>
    /// <param name="path">The program.</param>
    /// <param name="userNamespace">Whether user namespaces work.</param>
    /// <returns>The status.</returns>
    public static BubblewrapStatus Available(string path, bool userNamespace) => new(path, null, userNamespace);

    /// <summary>No usable bubblewrap.</summary>
    /// <param name="reason">Why.</param>
    /// <returns>The status.</returns>
    public static BubblewrapStatus Unavailable(string reason) => new(null, reason);
}
