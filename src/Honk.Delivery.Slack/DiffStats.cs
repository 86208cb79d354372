namespace Honk.Delivery.Slack;

/// <summary>Files, added and removed lines of a unified diff (<c>git diff</c> output).</summary>
/// <param name="Files">Files in the diff.</param>
/// <param name="Added">Added lines.</param>
/// <param name="Removed">Removed lines.</param>
internal sealed record DiffStats(int Files, int Added, int Removed)
{
    public static DiffStats Parse(string diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        int files = 0, added = 0, removed = 0;
        var inHunk = false;
        foreach (var line in diff.Split('\n'))
        {
            // "--- a/x" and "+++ b/x" are file headers, not changes: they come after "diff --git" and before the first hunk.
            if (line.StartsWith("diff --git ", StringComparison.Ordinal))
            {
                files++;
                inHunk = false;
            }
            else if (line.StartsWith("@@", StringComparison.Ordinal))
            {
                inHunk = true;
            }
            else if (inHunk && line.StartsWith('+'))
            {
                added++;
            }
            else if (inHunk && line.StartsWith('-'))
            {
                removed++;
            }
        }

        return new DiffStats(files, added, removed);
    }
}
