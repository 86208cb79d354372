namespace Honk.Tasks;

/// <summary>Finds the known key a misspelt one most likely meant, for "did you mean" hints.</summary>
internal static class KeySuggester
{
    public static string? Suggest(string key, IReadOnlyCollection<string> known, IReadOnlyDictionary<string, string> synonyms)
    {
        var normalized = key.Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_');
        if (known.Contains(normalized))
        {
            return normalized;
        }

        if (synonyms.TryGetValue(normalized, out var synonym))
        {
            return synonym;
        }

        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var distance = Distance(normalized, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        // Short keys need a tight bound, or every three-letter typo would "match" something unrelated.
        var allowed = Math.Max(1, Math.Min(3, normalized.Length / 3));
        return bestDistance <= allowed ? best : null;
    }

    // Optimal string alignment distance: Levenshtein plus adjacent transpositions, the commonest typo.
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
