using System.Text;
using Honk.Tools.Tests.Support;

namespace Honk.Tools.Tests.Files;

public sealed class EditFileToolTests : IDisposable
{
    private readonly Sandbox _box = new();

    public void Dispose() => _box.Dispose();

    private Task<string> EditAsync(string oldText, string newText, bool? replaceAll = null, string path = "a.cs")
        => _box.InvokeAsync("edit_file", new Dictionary<string, object?> { ["path"] = path, ["old_text"] = oldText, ["new_text"] = newText, ["replace_all"] = replaceAll });

    [Fact]
    public async Task EditFile_UniqueMatch_ReplacesAndShowsResult()
    {
        _box.Write("a.cs", "int a = 1;\nint b = 2;\nint c = 3;\n");
        var result = await EditAsync("int b = 2;", "int b = 20;");
        Assert.Equal("int a = 1;\nint b = 20;\nint c = 3;\n", _box.Read("a.cs"));
        Assert.StartsWith("edited a.cs: replaced 1 occurrence at line 2.", result, StringComparison.Ordinal);
        Assert.Contains("   2\tint b = 20;", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditFile_CrlfFile_KeepsCrlfWhileModelWritesLf()
    {
        _box.Write("a.cs", "a\r\nb\r\nc\r\n");
        await EditAsync("a\nb\n", "a\nx\ny\n");
        Assert.Equal("a\r\nx\r\ny\r\nc\r\n", _box.Read("a.cs"));
    }

    [Fact]
    public async Task EditFile_Utf8Bom_IsKept()
    {
        File.WriteAllBytes(_box.Path_("a.cs"), [0xEF, 0xBB, 0xBF, .. "hello\n"u8]);
        await EditAsync("hello", "héllo");
        Assert.Equal([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("héllo\n")], File.ReadAllBytes(_box.Path_("a.cs")));
    }

    [Fact]
    public async Task EditFile_Utf16LittleEndian_IsKept()
    {
        var encoding = new UnicodeEncoding(false, true);
        File.WriteAllBytes(_box.Path_("a.cs"), [.. encoding.GetPreamble(), .. encoding.GetBytes("one\r\ntwo\r\n")]);
        await EditAsync("two", "deux");
        Assert.Equal([.. encoding.GetPreamble(), .. encoding.GetBytes("one\r\ndeux\r\n")], File.ReadAllBytes(_box.Path_("a.cs")));
    }

    [Fact]
    public async Task EditFile_Utf16BigEndian_IsKept()
    {
        var encoding = new UnicodeEncoding(true, true);
        File.WriteAllBytes(_box.Path_("a.cs"), [.. encoding.GetPreamble(), .. encoding.GetBytes("one\n")]);
        await EditAsync("one", "uno");
        Assert.Equal([.. encoding.GetPreamble(), .. encoding.GetBytes("uno\n")], File.ReadAllBytes(_box.Path_("a.cs")));
    }

    [Fact]
    public async Task EditFile_Latin1File_KeepsOtherBytes()
    {
        File.WriteAllBytes(_box.Path_("a.cs"), [0x63, 0x61, 0x66, 0xE9, 0x0A, 0x78, 0x0A]);
        await EditAsync("x", "y");
        Assert.Equal([0x63, 0x61, 0x66, 0xE9, 0x0A, 0x79, 0x0A], File.ReadAllBytes(_box.Path_("a.cs")));
    }

    [Fact]
    public async Task EditFile_NoTrailingNewline_StaysWithout()
    {
        _box.Write("a.cs", "a\nb");
        await EditAsync("a", "z");
        Assert.Equal("z\nb", _box.Read("a.cs"));
    }

    [Fact]
    public async Task EditFile_SeveralMatches_SaysHowManyAndWhere()
    {
        _box.Write("a.cs", "x\ny\nx\nx\n");
        var error = await _box.FailsAsync("edit_file", new { path = "a.cs", old_text = "x", new_text = "z" });
        Assert.Equal("old_text matches 3 times in 'a.cs' (at lines 1, 3, 4); include more surrounding lines to make it unique, or set replace_all to true.", error.Message);
        Assert.Equal("x\ny\nx\nx\n", _box.Read("a.cs"));
    }

    [Fact]
    public async Task EditFile_ReplaceAll_ReplacesEvery()
    {
        _box.Write("a.cs", "x\ny\nx\n");
        var result = await EditAsync("x", "z", replaceAll: true);
        Assert.Equal("z\ny\nz\n", _box.Read("a.cs"));
        Assert.StartsWith("edited a.cs: replaced 2 occurrences; the first is at line 1.", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditFile_WhitespaceDiffers_ShowsTheLinesThatMatchIgnoringIt()
    {
        _box.Write("a.cs", "class A\n{\n\tvoid M()\n\t{\n\t}\n}\n");
        var error = await _box.FailsAsync("edit_file", new { path = "a.cs", old_text = "    void M()\n    {", new_text = "void N()" });
        Assert.Contains("Lines 3-4 match when whitespace is ignored", error.Message, StringComparison.Ordinal);
        Assert.Contains("   3\t\tvoid M()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditFile_TypoInOldText_ShowsMostSimilarLines()
    {
        _box.Write("a.cs", "var total = 0;\nforeach (var item in cart.Items)\n{\n    total += item.Price;\n}\n");
        var error = await _box.FailsAsync("edit_file", new { path = "a.cs", old_text = "foreach (var item in cart.Item)", new_text = "x" });
        Assert.StartsWith("old_text was not found in 'a.cs'.", error.Message, StringComparison.Ordinal);
        Assert.Contains("most similar lines", error.Message, StringComparison.Ordinal);
        Assert.Contains("   2\tforeach (var item in cart.Items)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditFile_NothingSimilar_AsksToReadAgain()
    {
        _box.Write("a.cs", "abc\n");
        var error = await _box.FailsAsync("edit_file", new { path = "a.cs", old_text = "zzzzqqqq", new_text = "x" });
        Assert.Equal("old_text was not found in 'a.cs'. Read the file again and copy the text exactly.", error.Message);
    }

    [Fact]
    public async Task EditFile_EmptyOldText_PointsToWriteFile()
    {
        _box.Write("a.cs", "abc\n");
        Assert.Contains("use write_file", (await _box.FailsAsync("edit_file", new { path = "a.cs", old_text = "", new_text = "x" })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditFile_SameOldAndNew_IsAnError()
    {
        _box.Write("a.cs", "abc\n");
        Assert.Contains("the same", (await _box.FailsAsync("edit_file", new { path = "a.cs", old_text = "abc", new_text = "abc" })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditFile_MissingFile_PointsToWriteFile()
        => Assert.Equal("file 'nope.cs' does not exist; create it with write_file.", (await _box.FailsAsync("edit_file", new { path = "nope.cs", old_text = "a", new_text = "b" })).Message);

    [Fact]
    public async Task EditFile_BinaryFile_IsRefused()
    {
        File.WriteAllBytes(_box.Path_("a.bin"), [0x61, 0, 0x62]);
        Assert.Contains("binary", (await _box.FailsAsync("edit_file", new { path = "a.bin", old_text = "a", new_text = "b" })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditFile_DeleteText_WithEmptyNewText()
    {
        _box.Write("a.cs", "keep\ndrop\n");
        await EditAsync("drop\n", "");
        Assert.Equal("keep\n", _box.Read("a.cs"));
    }
}
