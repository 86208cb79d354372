namespace Honk.Review.Tests;

public sealed class UnifiedDiffTests
{
    private static readonly string TenLines = string.Concat(Enumerable.Range(1, 10).Select(i => $"line {i}\n"));

    [Fact]
    public async Task Parse_ModifiedFile_GivesHunkWithLineNumbers()
    {
        await using var repo = await GitDiffRepo.CreateAsync(new Dictionary<string, string> { ["src/a.txt"] = TenLines });
        repo.Write("src/a.txt", TenLines.Replace("line 5\n", "line five\nline 5b\n", StringComparison.Ordinal));

        var diff = await repo.ParseAsync();

        var file = Assert.Single(diff.Files);
        Assert.Equal(FileChangeKind.Modified, file.Kind);
        Assert.Equal("src/a.txt", file.Path);
        Assert.Equal("src/a.txt", file.OldPath);
        Assert.Equal(2, file.AddedLines);
        Assert.Equal(1, file.RemovedLines);
        var hunk = Assert.Single(file.Hunks);
        Assert.Equal((2, 7, 2, 8), (hunk.OldStart, hunk.OldCount, hunk.NewStart, hunk.NewCount));
        var removed = Assert.Single(hunk.Lines, l => l.Kind == DiffLineKind.Removed);
        Assert.Equal(("line 5", 5, (int?)null), (removed.Text, removed.OldLine, removed.NewLine));
        var added = hunk.Lines.Where(l => l.Kind == DiffLineKind.Added).ToList();
        Assert.Equal([("line five", 5), ("line 5b", 6)], added.Select(l => (l.Text, l.NewLine!.Value)));
        var after = hunk.Lines.First(l => l.Text == "line 6");
        Assert.Equal((6, 7), (after.OldLine!.Value, after.NewLine!.Value));
    }

    [Fact]
    public async Task Parse_AddedDeletedRenamedAndBinary_AreRecognised()
    {
        await using var repo = await GitDiffRepo.CreateAsync(new Dictionary<string, string>
        {
            ["old.txt"] = "bye\n",
            ["docs/move me.txt"] = TenLines,
            ["data.bin"] = "x",
        });
        repo.Write("new.txt", "hello\nworld\n").Delete("old.txt").Move("docs/move me.txt", "docs/moved here.txt");
        repo.Write("docs/moved here.txt", TenLines + "line 11\n");
        await File.WriteAllBytesAsync(Path.Combine(repo.Root, "data.bin"), [0, 1, 2, 0, 255], TestContext.Current.CancellationToken);

        var diff = await repo.ParseAsync();

        var byPath = diff.Files.ToDictionary(f => f.Path);
        Assert.Equal(4, diff.Files.Count);
        Assert.Equal(FileChangeKind.Added, byPath["new.txt"].Kind);
        Assert.Null(byPath["new.txt"].OldPath);
        Assert.Equal(2, byPath["new.txt"].AddedLines);
        Assert.Equal(FileChangeKind.Deleted, byPath["old.txt"].Kind);
        Assert.Null(byPath["old.txt"].NewPath);
        Assert.Equal(1, byPath["old.txt"].RemovedLines);
        var moved = byPath["docs/moved here.txt"];
        Assert.Equal(FileChangeKind.Renamed, moved.Kind);
        Assert.Equal("docs/move me.txt", moved.OldPath);
        Assert.Equal(1, moved.AddedLines);
        Assert.NotNull(moved.Similarity);
        Assert.True(byPath["data.bin"].IsBinary);
        Assert.Empty(byPath["data.bin"].Hunks);
    }

    [Fact]
    public async Task Parse_QuotedNonAsciiPath_IsDecoded()
    {
        await using var repo = await GitDiffRepo.CreateAsync(new Dictionary<string, string> { ["README.md"] = "x\n" });
        repo.Write("café/naïve \"q\".txt", "1\n");

        var raw = await repo.DiffAsync();
        var diff = UnifiedDiff.Parse(raw);

        Assert.Contains("\\303\\251", raw, StringComparison.Ordinal);
        Assert.Equal("café/naïve \"q\".txt", Assert.Single(diff.Files).Path);
    }

    [Fact]
    public async Task Parse_RemovedLinesThatLookLikeHeaders_StayInTheHunk()
    {
        await using var repo = await GitDiffRepo.CreateAsync(new Dictionary<string, string>
        {
            ["q.sql"] = "-- a comment\nselect 1;\n++ plus\n",
            ["b.txt"] = "b\n",
        });
        repo.Write("q.sql", "select 1;\n").Write("b.txt", "c\n");

        var diff = await repo.ParseAsync();

        Assert.Equal(["b.txt", "q.sql"], diff.Files.Select(f => f.Path));
        var sql = diff.Files[1];
        Assert.Equal(["-- a comment", "++ plus"], sql.ChangedLines.Select(l => l.Text));
        Assert.All(sql.ChangedLines, l => Assert.Equal(DiffLineKind.Removed, l.Kind));
    }

    [Fact]
    public async Task Parse_NoNewlineAtEndAndModeChange_AreHandled()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "file modes are a Unix notion");
        await using var repo = await GitDiffRepo.CreateAsync(new Dictionary<string, string> { ["a.sh"] = "echo 1\n", ["b.txt"] = "x" });
#pragma warning disable CA1416 // skipped on Windows above
        File.SetUnixFileMode(Path.Combine(repo.Root, "a.sh"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
#pragma warning restore CA1416
        repo.Write("b.txt", "y");

        var diff = await repo.ParseAsync();

        var mode = diff.Files.Single(f => f.Path == "a.sh");
        Assert.Equal(FileChangeKind.Modified, mode.Kind);
        Assert.Empty(mode.Hunks);
        var b = diff.Files.Single(f => f.Path == "b.txt");
        Assert.Equal([(DiffLineKind.Removed, "x"), (DiffLineKind.Added, "y")], b.ChangedLines.Select(l => (l.Kind, l.Text)));
        Assert.Contains("\\ No newline at end of file", b.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PlainDiffWithPreambleAndTimestamps_Works()
    {
        const string Text = "Some commit message\n\n--- src/x.c\t2024-01-01 00:00:00\n+++ src/x.c\t2024-01-02 00:00:00\n@@ -1 +1,2 @@\n-a\n+b\n+c\n";

        var diff = UnifiedDiff.Parse(Text);

        var file = Assert.Single(diff.Files);
        Assert.Equal("src/x.c", file.Path);
        Assert.Equal((2, 1), (file.AddedLines, file.RemovedLines));
        Assert.Equal(Text[Text.IndexOf("---", StringComparison.Ordinal)..], file.Text);
    }

    [Fact]
    public void Parse_EmptyOrGarbage_GivesNoFiles()
    {
        Assert.Empty(UnifiedDiff.Parse("").Files);
        Assert.Empty(UnifiedDiff.Parse("not a diff\n@@ nothing @@\n").Files);
        var truncated = UnifiedDiff.Parse("diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,5 +1,5 @@\n-a\n");
        Assert.Equal(1, Assert.Single(truncated.Files).RemovedLines);
    }
}
