namespace Honk.Review.Tests;

public sealed class DiffTrimmerTests
{
    private static string Lines(string prefix, int count) => string.Concat(Enumerable.Range(1, count).Select(i => $"{prefix} line {i}\n"));

    [Fact]
    public void Trim_DiffWithinBudget_IsUnchanged()
    {
        const string Raw = "diff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -1 +1 @@\n-x\n+y\n";

        var trimmed = DiffTrimmer.Trim(Raw, UnifiedDiff.Parse(Raw), 1_000);

        Assert.Equal(Raw, trimmed.Text);
        Assert.False(trimmed.WasCut);
    }

    [Fact]
    public async Task Trim_OverBudget_KeepsSmallWholeFilesFirst_ThenSmallestHunks_AndNamesCuts()
    {
        var big = string.Concat(Enumerable.Range(1, 200).Select(i => $"big {i}\n"));
        await using var repo = await GitDiffRepo.CreateAsync(new Dictionary<string, string> { ["big.txt"] = big, ["small.txt"] = "s\n" });
        repo.Write("small.txt", "s2\n")
            .Write("huge.txt", Lines("huge", 400))
            .Write("big.txt", big.Replace("big 10\n", "BIG 10\n", StringComparison.Ordinal).Replace("big 100\n", Lines("new", 40), StringComparison.Ordinal));
        var raw = await repo.DiffAsync();
        var diff = UnifiedDiff.Parse(raw);
        var bigFile = diff.Files.Single(f => f.Path == "big.txt");
        var smallHunk = bigFile.Hunks.MinBy(h => h.Text.Length)!;
        var budget = diff.Files.Single(f => f.Path == "small.txt").Text.Length + bigFile.HeaderText.Length + smallHunk.Text.Length + 10;

        var trimmed = DiffTrimmer.Trim(raw, diff, budget);

        Assert.True(trimmed.Text.Length <= budget);
        Assert.Contains("+s2", trimmed.Text, StringComparison.Ordinal);
        Assert.Contains("+BIG 10", trimmed.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("+new line 1", trimmed.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("huge line", trimmed.Text, StringComparison.Ordinal);
        Assert.Equal(["big.txt (modified, +41 -2): 1 of 2 hunks shown", "huge.txt (added, +400 -0): not shown"], trimmed.Cuts);
        Assert.Single(UnifiedDiff.Parse(trimmed.Text).Files.Single(f => f.Path == "big.txt").Hunks);
    }

    [Fact]
    public void Trim_UnparseableText_IsCutAtTheBudget()
    {
        var raw = new string('x', 5_000);

        var trimmed = DiffTrimmer.Trim(raw, UnifiedDiff.Parse(raw), 1_000);

        Assert.Equal(1_000, trimmed.Text.Length);
        Assert.Contains("cut after 1000 of 5000 characters", Assert.Single(trimmed.Cuts), StringComparison.Ordinal);
    }
}
