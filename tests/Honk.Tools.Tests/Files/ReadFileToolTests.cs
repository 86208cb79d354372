using System.Text;
using Honk.Tools.Tests.Support;

namespace Honk.Tools.Tests.Files;

public sealed class ReadFileToolTests : IDisposable
{
    private readonly Sandbox _box;

    public ReadFileToolTests() => _box = new Sandbox(new BuiltInToolsOptions { MaxReadLines = 3, MaxLineLength = 20 });

    public void Dispose() => _box.Dispose();

    [Fact]
    public async Task ReadFile_SmallFile_ReturnsNumberedLines()
    {
        _box.Write("a.cs", "one\r\ntwo\r\n");
        Assert.Equal("   1\tone\n   2\ttwo\n", await _box.InvokeAsync("read_file", new { path = "a.cs" }));
    }

    [Fact]
    public async Task ReadFile_LargeFile_PagesWithNextOffset()
    {
        _box.Write("a.txt", string.Join("\n", Enumerable.Range(1, 10)) + "\n");
        var result = await _box.InvokeAsync("read_file", new { path = "a.txt" });
        Assert.Equal("   1\t1\n   2\t2\n   3\t3\n(showing lines 1-3 of 10; call again with offset=4 to read more)\n", result);
    }

    [Fact]
    public async Task ReadFile_OffsetAndLimit_ShowThatRange()
    {
        _box.Write("a.txt", string.Join("\n", Enumerable.Range(1, 10)));
        var result = await _box.InvokeAsync("read_file", new { path = "a.txt", offset = 9, limit = 2 });
        Assert.Equal("   9\t9\n  10\t10\n(showing lines 9-10 of 10)\n", result);
    }

    [Fact]
    public async Task ReadFile_OffsetPastEnd_IsAnError()
    {
        _box.Write("a.txt", "1\n2\n");
        var error = await _box.FailsAsync("read_file", new { path = "a.txt", offset = 5 });
        Assert.Equal("offset 5 is past the end of 'a.txt', which has 2 lines.", error.Message);
    }

    [Fact]
    public async Task ReadFile_ZeroOffset_IsAnError()
        => Assert.Contains("offset must be 1 or more", (await _box.FailsAsync("read_file", new { path = "a", offset = 0 })).Message, StringComparison.Ordinal);

    [Fact]
    public async Task ReadFile_LongLine_IsCut()
    {
        _box.Write("a.txt", new string('x', 50) + "\n");
        var result = await _box.InvokeAsync("read_file", new { path = "a.txt" });
        Assert.Contains(new string('x', 20) + " [... line cut, 50 characters in all]", result, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 21), result, StringComparison.Ordinal);
        Assert.Contains("1 long line(s) were cut", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadFile_BinaryFile_IsRefusedWithNote()
    {
        File.WriteAllBytes(_box.Path_("a.bin"), [1, 2, 0, 3]);
        Assert.Equal("'a.bin' is a binary file (4 bytes); it cannot be shown as text.", await _box.InvokeAsync("read_file", new { path = "a.bin" }));
    }

    [Fact]
    public async Task ReadFile_Utf16WithBom_IsDecoded()
    {
        File.WriteAllBytes(_box.Path_("u.txt"), [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("héllo\n")]);
        Assert.Equal("   1\théllo\n", await _box.InvokeAsync("read_file", new { path = "u.txt" }));
    }

    [Fact]
    public async Task ReadFile_EmptyFile_SaysSo()
    {
        _box.Write("e.txt", "");
        Assert.Equal("'e.txt' is empty.", await _box.InvokeAsync("read_file", new { path = "e.txt" }));
    }

    [Fact]
    public async Task ReadFile_MissingFile_SuggestsListFiles()
        => Assert.Equal("file 'nope.txt' does not exist; use list_files to see what is there.", (await _box.FailsAsync("read_file", new { path = "nope.txt" })).Message);

    [Fact]
    public async Task ReadFile_Folder_SuggestsListFiles()
    {
        Directory.CreateDirectory(_box.Path_("src"));
        Assert.Contains("is a folder", (await _box.FailsAsync("read_file", new { path = "src" })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadFile_TooLarge_IsRefused()
    {
        using var box = new Sandbox(new BuiltInToolsOptions { MaxFileBytes = 10 });
        box.Write("big.txt", new string('x', 11));
        Assert.Contains("more than the 10 this tool opens", (await box.FailsAsync("read_file", new { path = "big.txt" })).Message, StringComparison.Ordinal);
    }
}
