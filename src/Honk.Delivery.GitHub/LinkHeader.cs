namespace Honk.Delivery.GitHub;

/// <summary>Reads RFC 8288 <c>Link</c> headers as GitHub sends them: <c>&lt;url&gt;; rel="next", &lt;url&gt;; rel="last"</c>.</summary>
internal static class LinkHeader
{
    public static Uri? FindNext(IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            foreach (var link in value.Split(','))
            {
                var parts = link.Split(';');
                var target = parts[0].Trim();
                if (target.Length < 2 || target[0] != '<' || target[^1] != '>')
                {
                    continue;
                }

                var isNext = parts.Skip(1)
                    .Select(p => p.Trim())
                    .Any(p => p.StartsWith("rel=", StringComparison.OrdinalIgnoreCase)
                        && p[4..].Trim('"').Split(' ').Contains("next", StringComparer.OrdinalIgnoreCase));
                if (isNext && Uri.TryCreate(target[1..^1], UriKind.Absolute, out var uri))
                {
                    return uri;
                }
            }
        }

        return null;
    }
}
