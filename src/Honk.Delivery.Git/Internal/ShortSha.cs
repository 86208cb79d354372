namespace Honk.Delivery.Git.Internal;

/// <summary>Abbreviates commit ids for messages people read.</summary>
internal static class ShortSha
{
    /// <summary>The first 12 characters of <paramref name="sha"/>.</summary>
    /// <param name="sha">A full commit id.</param>
    /// <returns>The abbreviation.</returns>
    public static string Of(string sha) => sha.Length > 12 ? sha[..12] : sha;
}
