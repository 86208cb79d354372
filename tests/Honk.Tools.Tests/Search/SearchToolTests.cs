using Honk.Tools.Tests.Support;

namespace Honk.Tools.Tests.Search;

public sealed class SearchToolTests
{
    public static TheoryData<bool> Backends => [true, false];

    private static Sandbox Repo(bool ripgrep, int maxMatches = 200, bool git = true)
    {
        var box = new Sandbox(new BuiltInToolsOptions { UseRipgrep = ripgrep, MaxSearchMatches = maxMatches, MaxSearchLineLength = 30 }, git);
        box.Write(".gitignore", "ignored/\n");
        box.Write("src/b.cs", "class B\n{\n    // TODO: b\n}\n");
        box.Write("src/a.cs", "class A\n{\n    // TODO: a1\n    // todo: a2\n}\n");
        box.Write("docs/readme.md", "TODO in docs\n");
        box.Write("ignored/x.cs", "// TODO ignored\n");
        box.Write(".hidden/h.cs", "// TODO hidden\n");
        File.WriteAllBytes(box.Path_("src/bin.dat"), [0x54, 0x4F, 0x44, 0x4F, 0, 1]);
        return box;
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Search_Regex_ReturnsSortedFileLineText(bool ripgrep)
    {
        using var box = Repo(ripgrep);
        var result = await box.InvokeAsync("search", new { pattern = "TODO" });
        Assert.Equal(".hidden/h.cs:1:// TODO hidden\ndocs/readme.md:1:TODO in docs\nsrc/a.cs:3:    // TODO: a1\nsrc/b.cs:3:    // TODO: b\n", result);
    }

    [Fact]
    public async Task Search_BothBackends_GiveIdenticalOutput()
    {
        using var rg = Repo(ripgrep: true);
        using var managed = Repo(ripgrep: false);
        foreach (var args in new object[]
        {
            new { pattern = "todo", ignore_case = true },
            new { pattern = @"class\s+\w", glob = "*.cs" },
            new { pattern = "a[0-9]", path = "src" },
            new { pattern = "TODO", glob = "src/**/*.cs" },
        })
        {
            Assert.Equal(await rg.InvokeAsync("search", args), await managed.InvokeAsync("search", args));
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Search_IgnoreCase_FindsBoth(bool ripgrep)
    {
        using var box = Repo(ripgrep);
        var result = await box.InvokeAsync("search", new { pattern = "todo: a", ignore_case = true, path = "src" });
        Assert.Equal("src/a.cs:3:    // TODO: a1\nsrc/a.cs:4:    // todo: a2\n", result);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Search_PathIsAFile_SearchesOnlyIt(bool ripgrep)
    {
        using var box = Repo(ripgrep);
        Assert.Equal("src/b.cs:1:class B\n", await box.InvokeAsync("search", new { pattern = "class", path = "src/b.cs" }));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Search_OverCap_KeepsFirstInOrderAndCountsAll(bool ripgrep)
    {
        using var box = Repo(ripgrep, maxMatches: 2);
        var result = await box.InvokeAsync("search", new { pattern = "TODO" });
        Assert.Equal(".hidden/h.cs:1:// TODO hidden\ndocs/readme.md:1:TODO in docs\n(showing the first 2 of 4 matches; narrow with path, glob or a more specific pattern)\n", result);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Search_LongLine_IsCut(bool ripgrep)
    {
        using var box = Repo(ripgrep);
        box.Write("long.txt", "needle" + new string('x', 100) + "\n");
        Assert.Equal("long.txt:1:needle" + new string('x', 24) + " [...]\n", await box.InvokeAsync("search", new { pattern = "needle" }));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Search_PlainFolder_SkipsBuildFolders(bool ripgrep)
    {
        using var box = new Sandbox(new BuiltInToolsOptions { UseRipgrep = ripgrep });
        box.Write("src/a.cs", "needle\n");
        box.Write("bin/a.cs", "needle\n");
        box.Write("obj/a.cs", "needle\n");
        box.Write("node_modules/a.js", "needle\n");
        Assert.Equal("src/a.cs:1:needle\n", await box.InvokeAsync("search", new { pattern = "needle" }));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Search_NoMatch_SaysSo(bool ripgrep)
    {
        using var box = Repo(ripgrep);
        Assert.Equal("no matches for 'zzz' in 'src' (files matching '*.cs').", await box.InvokeAsync("search", new { pattern = "zzz", path = "src", glob = "*.cs" }));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Search_InvalidRegex_IsAClearError(bool ripgrep)
    {
        using var box = Repo(ripgrep);
        var error = await box.FailsAsync("search", new { pattern = "Foo(" });
        Assert.StartsWith("pattern 'Foo(' is not a valid regular expression", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_MissingPath_IsAnError()
    {
        using var box = Repo(false);
        Assert.Contains("does not exist", (await box.FailsAsync("search", new { pattern = "x", path = "nope" })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_PatternStartingWithDash_IsNotAnOption()
    {
        using var box = Repo(true);
        box.Write("flags.txt", "--files\n");
        Assert.Equal("flags.txt:1:--files\n", await box.InvokeAsync("search", new { pattern = "--files" }));
    }

    [Fact]
    public void SearchTool_RipgrepInstalled_IsUsed()
    {
        Assert.SkipWhen(!File.Exists("/usr/bin/rg"), "ripgrep is not installed");
        var tool = Assert.IsType<Honk.Tools.Search.SearchTool>(BuiltInTools.Create().Single(t => t.Name == "search"));
        Assert.True(tool.UsesRipgrep);
        var managed = Assert.IsType<Honk.Tools.Search.SearchTool>(BuiltInTools.Create(new BuiltInToolsOptions { UseRipgrep = false }).Single(t => t.Name == "search"));
        Assert.False(managed.UsesRipgrep);
    }
}
