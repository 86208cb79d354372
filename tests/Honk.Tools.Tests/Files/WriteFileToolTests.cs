using System.Text;
using Honk.Tools.Tests.Support;

namespace Honk.Tools.Tests.Files;

public sealed class WriteFileToolTests : IDisposable
{
    private readonly Sandbox _box = new();

    public void Dispose() => _box.Dispose();

    [Fact]
    public async Task WriteFile_NewFileInNewFolders_CreatesThem()
    {
        var result = await _box.InvokeAsync("write_file", new { path = "src/deep/new.cs", content = "a\nb\n" });
        Assert.Equal("created src/deep/new.cs (2 lines, 4 bytes).", result);
        Assert.Equal("a\nb\n", _box.Read("src/deep/new.cs"));
    }

    [Fact]
    public async Task WriteFile_ExistingCrlfFileWithBom_KeepsStyle()
    {
        File.WriteAllBytes(_box.Path_("a.txt"), [0xEF, 0xBB, 0xBF, .. "old\r\n"u8]);
        var result = await _box.InvokeAsync("write_file", new { path = "a.txt", content = "new\nlines\n" });
        Assert.StartsWith("overwrote a.txt", result, StringComparison.Ordinal);
        Assert.Equal([0xEF, 0xBB, 0xBF, .. "new\r\nlines\r\n"u8], File.ReadAllBytes(_box.Path_("a.txt")));
    }

    [Fact]
    public async Task WriteFile_ParentIsAFile_IsAnError()
    {
        _box.Write("file", "x");
        var error = await _box.FailsAsync("write_file", new { path = "file/child.txt", content = "y" });
        Assert.Contains("cannot write 'file/child.txt'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteFile_Folder_IsAnError()
    {
        Directory.CreateDirectory(_box.Path_("src"));
        Assert.Equal("'src' is a folder; name a file.", (await _box.FailsAsync("write_file", new { path = "src", content = "y" })).Message);
    }

    [Fact]
    public async Task WriteFile_EmptyContent_CreatesEmptyFile()
    {
        await _box.InvokeAsync("write_file", new { path = "empty.txt", content = "" });
        Assert.Equal(0, new FileInfo(_box.Path_("empty.txt")).Length);
    }

    [Fact]
    public async Task WriteFile_UnicodeContent_IsUtf8WithoutBom()
    {
        await _box.InvokeAsync("write_file", new { path = "u.txt", content = "żółw\n" });
        Assert.Equal(Encoding.UTF8.GetBytes("żółw\n"), File.ReadAllBytes(_box.Path_("u.txt")));
    }
}
