using System.Globalization;

namespace Honk.Delivery.GitHub;

/// <summary>Which pull request: owner, repository and number.</summary>
/// <param name="Owner">The account owning the repository.</param>
/// <param name="Repository">The repository's name.</param>
/// <param name="Number">The pull request's number.</param>
public sealed record GitHubPullRequestReference(string Owner, string Repository, int Number)
{
    /// <summary>Reads a pull request's web address, <c>https://github.com/{owner}/{repo}/pull/{number}</c> (any host).</summary>
    /// <param name="url">The address, e.g. the <c>pr</c> delivery's <see cref="DeliveryResult.Url"/>.</param>
    /// <param name="reference">The pull request, when the address is one.</param>
    /// <returns>Whether the address names a pull request.</returns>
    public static bool TryParse(Uri? url, out GitHubPullRequestReference? reference)
    {
        reference = null;
        if (url is not { IsAbsoluteUri: true })
        {
            return false;
        }

        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 4 || segments[^2] != "pull" || !int.TryParse(segments[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            return false;
        }

        reference = new GitHubPullRequestReference(Uri.UnescapeDataString(segments[^4]), Uri.UnescapeDataString(segments[^3]), number);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Owner}/{Repository}#{Number.ToString(CultureInfo.InvariantCulture)}";
}
