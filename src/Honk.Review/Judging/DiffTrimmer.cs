using System.Globalization;
using System.Text;

namespace Honk.Review;

/// <summary>
/// Fits a diff into a character budget. Whole files are kept smallest first (many small, complete edits tell a reviewer
/// more than one huge file); then the remaining files get their smallest hunks; whatever is left out is named.
/// </summary>
internal static class DiffTrimmer
{
    public static TrimmedDiff Trim(string rawDiff, UnifiedDiff diff, int budget)
    {
        if (rawDiff.Length <= budget)
        {
            return new TrimmedDiff(rawDiff, []);
        }

        if (diff.Files.Count == 0)
        {
            return new TrimmedDiff(rawDiff[..budget], [string.Create(CultureInfo.InvariantCulture, $"the diff was cut after {budget} of {rawDiff.Length} characters")]);
        }

        var files = diff.Files;
        var whole = new bool[files.Count];
        var hunks = new HashSet<DiffHunk>[files.Count];
        var left = budget;
        foreach (var index in Enumerable.Range(0, files.Count).OrderBy(i => files[i].Text.Length))
        {
            var size = files[index].Text.Length;
            if (size <= left)
            {
                whole[index] = true;
                left -= size;
            }
        }

        foreach (var index in Enumerable.Range(0, files.Count).Where(i => !whole[i]).OrderBy(i => files[i].Text.Length))
        {
            var file = files[index];
            hunks[index] = [];
            if (file.HeaderText.Length >= left)
            {
                continue;
            }

            var room = left - file.HeaderText.Length;
            foreach (var hunk in file.Hunks.OrderBy(h => h.Text.Length))
            {
                if (hunk.Text.Length <= room)
                {
                    hunks[index].Add(hunk);
                    room -= hunk.Text.Length;
                }
            }

            if (hunks[index].Count > 0)
            {
                left = room;
            }
        }

        var text = new StringBuilder(budget);
        var cuts = new List<string>();
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            if (whole[i])
            {
                text.Append(file.Text);
                continue;
            }

            var shown = hunks[i];
            var totals = string.Create(CultureInfo.InvariantCulture, $"+{file.AddedLines} -{file.RemovedLines}");
            if (shown.Count == 0)
            {
                cuts.Add(string.Create(CultureInfo.InvariantCulture, $"{file.Path} ({Describe(file.Kind)}, {totals}): not shown"));
                continue;
            }

            text.Append(file.HeaderText);
            foreach (var hunk in file.Hunks.Where(shown.Contains))
            {
                text.Append(hunk.Text);
            }

            cuts.Add(string.Create(CultureInfo.InvariantCulture, $"{file.Path} ({Describe(file.Kind)}, {totals}): {shown.Count} of {file.Hunks.Count} hunks shown"));
        }

        return new TrimmedDiff(text.ToString(), cuts);
    }

    private static string Describe(FileChangeKind kind) => kind switch
    {
        FileChangeKind.Added => "added",
        FileChangeKind.Deleted => "deleted",
        FileChangeKind.Renamed => "renamed",
        FileChangeKind.Copied => "copied",
        _ => "modified",
    };
}
