using Honk.Tools.Tests.Support;

namespace Honk.Tools.Tests.Files;

public sealed class ListFilesToolTests
{
    [Fact]
    public async Task ListFiles_GitRepository_RespectsGitignoreAndListsUntracked()
    {
        using var box = new Sandbox(git: true);
        box.Write(".gitignore", "*.log\nbuild/\n");
        box.Write("src/a.cs", "x");
        box.Write("src/b.cs", "x");
        box.Write("debug.log", "x");
        box.Write("build/out.dll", "x");
        box.Git("add", ".gitignore", "src/a.cs");
        box.Git("commit", "-qm", "init");
        Assert.Equal(".gitignore\nsrc/a.cs\nsrc/b.cs\n", await box.InvokeAsync("list_files"));
    }

    [Fact]
    public async Task ListFiles_GitRepository_LeavesOutDeletedTrackedFiles()
    {
        using var box = new Sandbox(git: true);
        box.Write("a.txt", "x");
        box.Write("b.txt", "x");
        box.Git("add", ".");
        box.Git("commit", "-qm", "init");
        File.Delete(box.Path_("b.txt"));
        Assert.Equal("a.txt\n", await box.InvokeAsync("list_files"));
    }

    [Fact]
    public async Task ListFiles_PlainFolder_SkipsBuildAndVendorFolders()
    {
        using var box = new Sandbox();
        box.Write("src/a.cs", "x");
        box.Write("bin/Debug/a.dll", "x");
        box.Write("obj/x.json", "x");
        box.Write("node_modules/p/index.js", "x");
        box.Write(".github/workflows/ci.yml", "x");
        Assert.Equal(".github/workflows/ci.yml\nsrc/a.cs\n", await box.InvokeAsync("list_files"));
    }

    [Fact]
    public async Task ListFiles_PathAndGlob_Narrow()
    {
        using var box = new Sandbox();
        box.Write("src/a.cs", "x");
        box.Write("src/sub/b.cs", "x");
        box.Write("src/c.json", "x");
        box.Write("tests/t.cs", "x");
        Assert.Equal("src/a.cs\nsrc/sub/b.cs\n", await box.InvokeAsync("list_files", new { path = "src", glob = "*.cs" }));
        Assert.Equal("src/sub/b.cs\n", await box.InvokeAsync("list_files", new { glob = "src/sub/*.cs" }));
        Assert.Equal("src/a.cs\nsrc/c.json\nsrc/sub/b.cs\n", await box.InvokeAsync("list_files", new { path = "src", glob = "*.{cs,json}" }));
    }

    [Fact]
    public async Task ListFiles_OverCap_SaysHowManyWereLeftOut()
    {
        using var box = new Sandbox(new BuiltInToolsOptions { MaxListEntries = 2 });
        foreach (var name in new[] { "a", "b", "c", "d", "e" })
        {
            box.Write(name + ".txt", "x");
        }

        Assert.Equal("a.txt\nb.txt\n(3 more files not shown: 5 in all; narrow with path or glob)\n", await box.InvokeAsync("list_files"));
    }

    [Fact]
    public async Task ListFiles_MissingFolder_IsAnError()
    {
        using var box = new Sandbox();
        Assert.Contains("does not exist", (await box.FailsAsync("list_files", new { path = "nope" })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListFiles_NoMatch_SaysSo()
    {
        using var box = new Sandbox();
        box.Write("a.txt", "x");
        Assert.Equal("no files under '.' match '*.cs'.", await box.InvokeAsync("list_files", new { glob = "*.cs" }));
    }

    [Fact]
    public async Task ListFiles_BadGlob_IsAnError()
    {
        using var box = new Sandbox();
        Assert.Contains("without its ']'", (await box.FailsAsync("list_files", new { glob = "[abc" })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListFiles_FilePath_ListsThatFile()
    {
        using var box = new Sandbox();
        box.Write("a.txt", "x");
        Assert.Equal("a.txt\n", await box.InvokeAsync("list_files", new { path = "a.txt" }));
    }
}
