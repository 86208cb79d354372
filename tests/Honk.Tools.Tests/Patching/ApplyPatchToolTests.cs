using Honk.Tools.Tests.Support;

namespace Honk.Tools.Tests.Patching;

public sealed class ApplyPatchToolTests : IDisposable
{
    private readonly Sandbox _box = new();

    public void Dispose() => _box.Dispose();

    private Task<string> ApplyAsync(string patch) => _box.InvokeAsync("apply_patch", new { patch });

    private async Task<string> FailAsync(string patch) => (await _box.FailsAsync("apply_patch", new { patch })).Message;

    private static string Lines(int from, int to) => string.Concat(Enumerable.Range(from, to - from + 1).Select(i => $"line {i}\n"));

    [Fact]
    public async Task ApplyPatch_GitDiffOverSeveralFiles_AppliesAll()
    {
        _box.Write("a.txt", Lines(1, 5));
        _box.Write("b.txt", "x\ny\n");
        var patch = """
            diff --git a/a.txt b/a.txt
            index 1111111..2222222 100644
            --- a/a.txt
            +++ b/a.txt
            @@ -2,3 +2,3 @@
             line 2
            -line 3
            +LINE THREE
             line 4
            diff --git a/b.txt b/b.txt
            --- a/b.txt
            +++ b/b.txt
            @@ -1,2 +1,3 @@
             x
            +inserted
             y
            """;
        var result = await ApplyAsync(patch);
        Assert.Equal("line 1\nline 2\nLINE THREE\nline 4\nline 5\n", _box.Read("a.txt"));
        Assert.Equal("x\ninserted\ny\n", _box.Read("b.txt"));
        Assert.Equal("applied the patch:\n- modified a.txt (1 hunk)\n- modified b.txt (1 hunk)\n", result);
    }

    [Fact]
    public async Task ApplyPatch_CreateAndDelete_WithDevNull()
    {
        _box.Write("old.txt", "bye\n");
        var patch = "--- /dev/null\n+++ b/new/dir/file.txt\n@@ -0,0 +1,2 @@\n+hello\n+world\n--- a/old.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-bye\n";
        var result = await ApplyAsync(patch);
        Assert.Equal("hello\nworld\n", _box.Read("new/dir/file.txt"));
        Assert.False(File.Exists(_box.Path_("old.txt")));
        Assert.Contains("- created new/dir/file.txt (1 hunk)", result, StringComparison.Ordinal);
        Assert.Contains("- deleted old.txt", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyPatch_RenameWithChange_MovesAndEdits()
    {
        _box.Write("src/Old.cs", "class Old {}\n");
        var patch = "diff --git a/src/Old.cs b/src/New.cs\nsimilarity index 80%\nrename from src/Old.cs\nrename to src/New.cs\n--- a/src/Old.cs\n+++ b/src/New.cs\n@@ -1 +1 @@\n-class Old {}\n+class New {}\n";
        var result = await ApplyAsync(patch);
        Assert.False(File.Exists(_box.Path_("src/Old.cs")));
        Assert.Equal("class New {}\n", _box.Read("src/New.cs"));
        Assert.Contains("renamed src/Old.cs -> src/New.cs", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyPatch_PureRename_MovesFile()
    {
        _box.Write("a.txt", "same\n");
        await ApplyAsync("diff --git a/a.txt b/b.txt\nsimilarity index 100%\nrename from a.txt\nrename to b.txt\n");
        Assert.Equal("same\n", _box.Read("b.txt"));
        Assert.False(File.Exists(_box.Path_("a.txt")));
    }

    [Fact]
    public async Task ApplyPatch_ShiftedLineNumbers_AreTolerated()
    {
        _box.Write("a.txt", Lines(1, 30));
        var result = await ApplyAsync("--- a/a.txt\n+++ b/a.txt\n@@ -10,3 +10,3 @@\n line 20\n-line 21\n+changed\n line 22\n");
        Assert.Contains("changed\nline 22\n", _box.Read("a.txt"), StringComparison.Ordinal);
        Assert.DoesNotContain("line 21\n", _box.Read("a.txt"), StringComparison.Ordinal);
        Assert.Contains("hunk 1: applied at line 20 (its header said 10)", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyPatch_WhitespaceDifferencesInContext_AreTolerated()
    {
        _box.Write("a.cs", "class A\n{\n\tint x;\n}\n");
        var result = await ApplyAsync("--- a/a.cs\n+++ b/a.cs\n@@ -2,3 +2,4 @@\n {\n     int x;\n+\tint y;\n }\n");
        Assert.Equal("class A\n{\n\tint x;\n\tint y;\n}\n", _box.Read("a.cs"));
        Assert.Contains("ignoring whitespace differences", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyPatch_WrongHunkCountsAndMissingSpaceOnBlankLine_AreTolerated()
    {
        _box.Write("a.txt", "a\n\nb\n");
        await ApplyAsync("--- a/a.txt\n+++ b/a.txt\n@@ -1,9 +1,9 @@\n a\n\n-b\n+c\n");
        Assert.Equal("a\n\nc\n", _box.Read("a.txt"));
    }

    [Fact]
    public async Task ApplyPatch_SeveralHunks_ApplyInOrder()
    {
        _box.Write("a.txt", Lines(1, 20));
        await ApplyAsync("--- a/a.txt\n+++ b/a.txt\n@@ -2,1 +2,2 @@\n line 2\n+after 2\n@@ -15,1 +16,1 @@\n-line 15\n+fifteen\n");
        var text = _box.Read("a.txt");
        Assert.Contains("line 2\nafter 2\nline 3\n", text, StringComparison.Ordinal);
        Assert.Contains("line 14\nfifteen\nline 16\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyPatch_CrlfFile_KeepsCrlf()
    {
        _box.Write("a.txt", "a\r\nb\r\n");
        await ApplyAsync("--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n");
        Assert.Equal("a\r\nc\r\n", _box.Read("a.txt"));
    }

    [Fact]
    public async Task ApplyPatch_NoNewlineAtEndMarkers_AreHonoured()
    {
        _box.Write("a.txt", "a\nb");
        await ApplyAsync("--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n");
        Assert.Equal("a\nc\n", _box.Read("a.txt"));
        await ApplyAsync("--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n a\n-c\n+d\n\\ No newline at end of file\n");
        Assert.Equal("a\nd", _box.Read("a.txt"));
    }

    [Fact]
    public async Task ApplyPatch_PlainDiffWithTimestamps_IsParsed()
    {
        _box.Write("a.txt", "one\n");
        await ApplyAsync("--- a.txt\t2024-01-01 10:00:00.000000000 +0000\n+++ a.txt\t2024-01-02 10:00:00.000000000 +0000\n@@ -1 +1 @@\n-one\n+two\n");
        Assert.Equal("two\n", _box.Read("a.txt"));
    }

    [Fact]
    public async Task ApplyPatch_ContextNotFound_NamesFileHunkAndShowsExpectedAndActual()
    {
        _box.Write("a.txt", Lines(1, 5));
        var message = await FailAsync("--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-line 1\n+one\n@@ -3,2 +3,2 @@\n line 3\n-line 99\n+x\n");
        Assert.StartsWith("apply_patch failed; no file was changed. a.txt, hunk 2 of 2 (@@ -3,2 +3,2 @@): the lines it expects were not found", message, StringComparison.Ordinal);
        Assert.Contains("  |line 99\n", message, StringComparison.Ordinal);
        Assert.Contains("   3\tline 3\n", message, StringComparison.Ordinal);
        Assert.Equal(Lines(1, 5), _box.Read("a.txt"));
    }

    [Fact]
    public async Task ApplyPatch_FailureInSecondFile_LeavesFirstUnchanged()
    {
        _box.Write("a.txt", "a\n");
        _box.Write("b.txt", "b\n");
        var message = await FailAsync("--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-a\n+A\n--- a/b.txt\n+++ b/b.txt\n@@ -1 +1 @@\n-nope\n+B\n");
        Assert.Contains("b.txt, hunk 1 of 1", message, StringComparison.Ordinal);
        Assert.Equal("a\n", _box.Read("a.txt"));
        Assert.Equal("b\n", _box.Read("b.txt"));
    }

    [Fact]
    public async Task ApplyPatch_CreateExistingFile_IsAnError()
    {
        _box.Write("a.txt", "a\n");
        Assert.Contains("already exists", await FailAsync("--- /dev/null\n+++ b/a.txt\n@@ -0,0 +1 @@\n+x\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyPatch_MissingFile_IsAnError()
        => Assert.Contains("file 'nope.txt' does not exist", await FailAsync("--- a/nope.txt\n+++ b/nope.txt\n@@ -1 +1 @@\n-a\n+b\n"), StringComparison.Ordinal);

    [Fact]
    public async Task ApplyPatch_DeleteWithLeftoverLines_IsAnError()
    {
        _box.Write("a.txt", "a\nb\n");
        Assert.Contains("do not remove every line", await FailAsync("--- a/a.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-a\n"), StringComparison.Ordinal);
        Assert.True(File.Exists(_box.Path_("a.txt")));
    }

    [Fact]
    public async Task ApplyPatch_RenameOntoExistingFile_IsAnError()
    {
        _box.Write("a.txt", "a\n");
        _box.Write("b.txt", "b\n");
        Assert.Contains("already exists", await FailAsync("diff --git a/a.txt b/b.txt\nrename from a.txt\nrename to b.txt\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyPatch_NotADiff_ExplainsTheFormat()
        => Assert.Contains("no file changes were found", await FailAsync("please change line 3"), StringComparison.Ordinal);

    [Fact]
    public async Task ApplyPatch_LineWithoutMarker_IsNamed()
    {
        _box.Write("a.txt", "a\nb\n");
        Assert.Contains("the line 'b' does not start with ' ', '-' or '+'", await FailAsync("--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n-a\nb\n+c\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyPatch_BadHunkHeader_IsNamed()
    {
        _box.Write("a.txt", "a\n");
        Assert.Contains("is not '@@ -start,count +start,count @@'", await FailAsync("--- a/a.txt\n+++ b/a.txt\n@@ one @@\n-a\n+b\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyPatch_BinaryPatch_IsRefused()
        => Assert.Contains("binary patches are not supported", await FailAsync("diff --git a/x.png b/x.png\nBinary files a/x.png and b/x.png differ\n"), StringComparison.Ordinal);

    [Fact]
    public async Task ApplyPatch_TwoPatchesToSameFile_ApplySequentially()
    {
        _box.Write("a.txt", "a\nb\n");
        await ApplyAsync("--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-a\n+A\n--- a/a.txt\n+++ b/a.txt\n@@ -2 +2 @@\n-b\n+B\n");
        Assert.Equal("A\nB\n", _box.Read("a.txt"));
    }

    [Fact]
    public async Task ApplyPatch_QuotedPathWithSpaces_IsParsed()
    {
        _box.Write("my file.txt", "a\n");
        await ApplyAsync("diff --git \"a/my file.txt\" \"b/my file.txt\"\n--- \"a/my file.txt\"\n+++ \"b/my file.txt\"\n@@ -1 +1 @@\n-a\n+b\n");
        Assert.Equal("b\n", _box.Read("my file.txt"));
    }

    [Fact]
    public async Task ApplyPatch_GitOutput_RoundTrips()
    {
        using var box = new Sandbox(git: true);
        box.Write("src/a.cs", Lines(1, 40));
        box.Write("src/gone.txt", "bye\n");
        box.Git("add", ".");
        box.Git("commit", "-qm", "init");
        box.Write("src/a.cs", Lines(1, 40).Replace("line 5\n", "five\n", StringComparison.Ordinal).Replace("line 35\n", "line 35\nextra\n", StringComparison.Ordinal));
        box.Write("src/new.cs", "new\n");
        File.Delete(box.Path_("src/gone.txt"));
        box.Git("add", "-A");
        var diff = box.Git("diff", "--cached");
        var expected = box.Read("src/a.cs");
        box.Git("reset", "-q", "--hard");
        Assert.False(File.Exists(box.Path_("src/new.cs")));
        await box.InvokeAsync("apply_patch", new { patch = diff });
        Assert.Equal(expected, box.Read("src/a.cs"));
        Assert.Equal("new\n", box.Read("src/new.cs"));
        Assert.False(File.Exists(box.Path_("src/gone.txt")));
    }
}
