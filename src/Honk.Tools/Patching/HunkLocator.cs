namespace Honk.Tools.Patching;

/// <summary>
/// Finds where a hunk's old lines are in a file: at the stated line first, then ever further away (line numbers
/// shift when earlier parts of the file changed), and if nothing matches exactly, again ignoring whitespace.
/// </summary>
internal static class HunkLocator
{
    /// <summary>Finds the hunk.</summary>
    /// <param name="lines">The file's current lines.</param>
    /// <param name="expected">The 0-based index the header points at (after earlier hunks' shifts).</param>
    /// <param name="minimum">The first index the hunk may start at (after the previous hunk).</param>
    /// <param name="oldLines">The lines the hunk expects.</param>
    /// <returns>The index and whether whitespace had to be ignored; index -1 when not found.</returns>
    public static (int Index, bool Fuzzy) Locate(IReadOnlyList<string> lines, int expected, int minimum, IReadOnlyList<string> oldLines)
    {
        foreach (var fuzzy in new[] { false, true })
        {
            var maxStart = lines.Count - oldLines.Count;
            var start = Math.Clamp(expected, minimum, Math.Max(minimum, maxStart));
            for (var distance = 0; start - distance >= minimum || start + distance <= maxStart; distance++)
            {
                if (start + distance <= maxStart && Matches(lines, start + distance, oldLines, fuzzy))
                {
                    return (start + distance, fuzzy);
                }

                if (distance > 0 && start - distance >= minimum && start - distance <= maxStart && Matches(lines, start - distance, oldLines, fuzzy))
                {
                    return (start - distance, fuzzy);
                }
            }
        }

        return (-1, false);
    }

    private static bool Matches(IReadOnlyList<string> lines, int at, IReadOnlyList<string> oldLines, bool fuzzy)
    {
        for (var j = 0; j < oldLines.Count; j++)
        {
            var equal = fuzzy
                ? string.Equals(Normalize(lines[at + j]), Normalize(oldLines[j]), StringComparison.Ordinal)
                : string.Equals(lines[at + j], oldLines[j], StringComparison.Ordinal);
            if (!equal)
            {
                return false;
            }
        }

        return true;
    }

    private static string Normalize(string line) => string.Join(' ', line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
