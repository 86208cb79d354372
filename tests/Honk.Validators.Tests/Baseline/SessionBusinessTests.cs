using Honk.Testing;

namespace Honk.Validators.Tests.Baseline;

public sealed class SessionBusinessTests : IDisposable
{
    private static readonly ValidationFinding CalcTest = new("Expected: 3\nActual: 4") { TestName = "Calc.Tests.CalcTests.Add_ReturnsSum", File = "tests/Calc.Tests/CalcTests.cs" };
    private static readonly ValidationFinding StringsTest = new("Expected: \"A\"\nActual: \"a\"") { TestName = "Strings.Tests.StringsTests.Upper_Works", File = "tests/Strings.Tests/StringsTests.cs" };

    private readonly TemporaryDirectory _repo = new();

    public SessionBusinessTests()
    {
        _repo.WriteFile("App.sln", "Microsoft Visual Studio Solution File\n");
        _repo.WriteFile("Directory.Build.props", "<Project />\n");
        _repo.WriteFile("src/Calc/Calc.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        _repo.WriteFile("src/Calc/Calc.cs", "public static class Calc { public static int Add(int a, int b) => a - b; }\n");
        _repo.WriteFile("tests/Calc.Tests/Calc.Tests.csproj", "<Project><ItemGroup><ProjectReference Include=\"..\\..\\src\\Calc\\Calc.csproj\" /></ItemGroup></Project>\n");
        _repo.WriteFile("tests/Calc.Tests/CalcTests.cs", "public class CalcTests { [Fact] public void Add_ReturnsSum() { } }\n");
        _repo.WriteFile("src/Strings/Strings.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        _repo.WriteFile("src/Strings/Text.cs", "public static class Text { }\n");
        _repo.WriteFile("tests/Strings.Tests/Strings.Tests.csproj", "<Project><ItemGroup><ProjectReference Include=\"..\\..\\src\\Strings\\Strings.csproj\" /></ItemGroup></Project>\n");
        _repo.WriteFile("tests/Strings.Tests/StringsTests.cs", "public class StringsTests { [Fact] public void Upper_Works() { } }\n");
        _repo.WriteFile("web/package.json", "{ \"name\": \"web\", \"scripts\": { \"test\": \"node --test\" } }\n");
        _repo.WriteFile("web/src/add.js", "module.exports = (a, b) => a - b;\n");
        _repo.WriteFile("web/test/add.test.js", "test('adds two small numbers', () => {});\n");
    }

    public void Dispose() => _repo.Dispose();

    [Theory]
    [InlineData("Make Add_ReturnsSum pass", "the task names 'Add_ReturnsSum'")]
    [InlineData("Fix the failing CalcTests", "the task names 'CalcTests'")]
    [InlineData("Calc.Tests.CalcTests.Add_ReturnsSum fails", "the task names 'Calc.Tests.CalcTests.Add_ReturnsSum'")]
    public async Task TheTaskNamingTheTestOrItsFile_MakesItTheSessions(string goal, string reason)
    {
        var business = await BusinessAsync(goal, "docs/readme.md");

        Assert.Equal(reason, business.Reason(CalcTest));
    }

    [Fact]
    public async Task TheTaskNamingADiagnosticsFile_MakesItTheSessions()
    {
        var error = new ValidationFinding("The name 'x' does not exist") { File = "src/Strings/Text.cs", Line = 1, Code = "CS0103" };

        Assert.Equal("the task names 'src/Strings/Text.cs'", (await BusinessAsync("Fix the build of src/Strings/Text.cs", "docs/a.md")).Reason(error));
        Assert.Equal("the task names 'Text.cs'", (await BusinessAsync("Text.cs does not compile", "docs/a.md")).Reason(error));
        Assert.Null((await BusinessAsync("Make the sum right", "src/Calc/Calc.cs")).Reason(error));
    }

    [Fact]
    public async Task AChangeToTheProjectUnderTest_MakesItsTestsFailuresTheSessions_AndLeavesTheOtherProjects()
    {
        var business = await BusinessAsync("Fix the sum", "src/Calc/Calc.cs");

        Assert.Equal("the change touches src/Calc, which its project (tests/Calc.Tests) depends on or is part of", business.Reason(CalcTest));
        Assert.Null(business.Reason(StringsTest));
        Assert.True(business.MayBeTolerated(StringsTest));
    }

    [Fact]
    public async Task AChangeToTheTestsFileOrProject_MakesItTheSessions()
    {
        Assert.Equal("the change touches tests/Calc.Tests/CalcTests.cs", (await BusinessAsync("x", "tests/Calc.Tests/CalcTests.cs")).Reason(CalcTest));
        Assert.Equal("the change touches its project (tests/Calc.Tests)", (await BusinessAsync("x", "tests/Calc.Tests/Helpers.cs")).Reason(CalcTest));
    }

    [Fact]
    public async Task ABuildFileAbove_TouchesEveryProjectBelow()
    {
        var business = await BusinessAsync("x", "Directory.Build.props");

        Assert.NotNull(business.Reason(StringsTest));
    }

    [Fact]
    public async Task ATestWithoutAFile_IsFoundByItsName()
    {
        var titled = new ValidationFinding("expected 4, got 0") { TestName = "adds two small numbers" };

        Assert.Equal("the change touches its project (web)", (await BusinessAsync("x", "web/src/add.js")).Reason(titled));
        Assert.Null((await BusinessAsync("x", "src/Calc/Calc.cs")).Reason(titled));
    }

    [Fact]
    public async Task AFailureHonkCannotPlace_IsTheSessions()
    {
        var nowhere = new ValidationFinding("boom") { TestName = "Somewhere.Unknown_Test" };
        var message = new ValidationFinding("make: *** [all] Error 2");

        var business = await BusinessAsync("x", "src/Calc/Calc.cs");

        Assert.Equal("Honk cannot tell which file or project it belongs to", business.Reason(nowhere));
        Assert.Equal("Honk cannot tell which file or project it belongs to", business.Reason(message));
    }

    [Theory]
    [InlineData(".github/CODEOWNERS", true)]
    [InlineData("docs/readme.md", true)]
    [InlineData("src/Calc/Calc.cs", true)]
    [InlineData("src/Calc/Calc.csproj", false)]
    [InlineData("Directory.Build.props", false)]
    [InlineData("web/package.json", false)]
    [InlineData("web/.npmrc", false)]
    [InlineData("rust-toolchain.toml", false)]
    public async Task AnUnplaceableFailure_IsTheEnvironment_UnlessTheChangeTouchesABuildFile(string changed, bool environment)
    {
        var offline = new ValidationFinding("no matching package named `nothere` found");

        var business = await BusinessAsync("Add a CODEOWNERS file", changed);

        Assert.Equal(environment, business.IsEnvironment(offline));
    }

    [Fact]
    public async Task AFailingTestOrAPlacedDiagnostic_IsNeverTheEnvironment_NorOneTheTaskNames()
    {
        var business = await BusinessAsync("Make Somewhere.Unknown_Test pass and fix 'no matching package'", ".github/CODEOWNERS");

        Assert.False(business.IsEnvironment(new ValidationFinding("boom") { TestName = "Somewhere.Other_Test" }));
        Assert.False(business.IsEnvironment(new ValidationFinding("error CS0103") { File = "src/Calc/Calc.cs" }));
        Assert.False(business.IsEnvironment(StringsTest));
    }

    [Theory]
    [InlineData("tests/test_timed.py", "ModuleNotFoundError: No module named 'freezegun'", true)]
    [InlineData("tests/test_timed.py", "ModuleNotFoundError: No module named 'calcpkg.extras'", false)]
    [InlineData("web/test/add.test.js", "Error: Cannot find module 'left-pad'\nRequire stack:", true)]
    [InlineData("web/test/add.test.js", "Error [ERR_MODULE_NOT_FOUND]: Cannot find package '@scope/tool' imported from web/test/add.test.js", true)]
    [InlineData("web/test/add.test.js", "Error: Cannot find module '../src/sub'", false)]
    [InlineData("web/test/add.test.js", "Error: Cannot find module 'web/src/add'", false)]
    [InlineData("gocalc/calc.go", "no required module provides package golang.org/x/text/language; to add it:", true)]
    [InlineData("gocalc/calc.go", "cannot find module providing package example.com/gocalc/internal/fmtx", false)]
    [InlineData("jcalc/src/test/java/com/example/calc/CalcTest.java", "package org.junit does not exist", true)]
    [InlineData("jcalc/src/test/java/com/example/calc/CalcTest.java", "package com.example.calc.util does not exist", false)]
    [InlineData("native/calc.c", "fatal error: gtest/gtest.h: No such file or directory", true)]
    [InlineData("native/calc.c", "fatal error: calc/calc.h: No such file or directory", false)]
    [InlineData("src/lib.rs", "error[E0463]: can't find crate for `serde`", true)]
    [InlineData("tests/compile_time.rs", "command exited with non-zero code `cargo build -q`: 101\nerror: no matching package found\nsearched package name: `duct`", true)]
    [InlineData("tests/compile_time.rs", "error: no matching package named `proc-macro2` found", true)]
    [InlineData("tests/compile_time.rs", "error: no matching package named `rcalc-macros` found", false)]
    public async Task AThirdPartysModuleMissing_IsTheEnvironment_TheRepositorysOwnIsNot(string file, string message, bool environment)
    {
        // Layouts seen on real repositories (pallets/itsdangerous: a test module importing freezegun, absent here; the
        // bindings of tree-sitter-json): the failure names a file, yet no change of the model can cause or cure it.
        _repo.WriteFile("calcpkg/__init__.py", "");
        _repo.WriteFile("calcpkg/core.py", "def add(a, b):\n    return a + b\n");
        _repo.WriteFile("tests/test_timed.py", "import freezegun\n");
        _repo.WriteFile("gocalc/go.mod", "module example.com/gocalc\n\ngo 1.19\n");
        _repo.WriteFile("gocalc/calc.go", "package gocalc\n");
        _repo.WriteFile("jcalc/pom.xml", "<project />\n");
        _repo.WriteFile("jcalc/src/main/java/com/example/calc/util/Strings.java", "package com.example.calc.util;\n");
        _repo.WriteFile("native/include/calc/calc.h", "int add(int, int);\n");
        _repo.WriteFile("rcalc/macros/Cargo.toml", "[package]\nname = \"rcalc-macros\"\nversion = \"0.1.0\"\n");
        var failure = new ValidationFinding(message) { File = file, Code = "collection" };

        var business = await BusinessAsync("Add a CODEOWNERS file", ".github/CODEOWNERS");
        var touchingTheFile = await BusinessAsync("Add a CODEOWNERS file", file);

        Assert.Equal(environment, business.IsEnvironment(failure));
        Assert.Equal(environment, touchingTheFile.IsEnvironment(failure));
    }

    [Theory]
    [InlineData("Unable to find package altcover. No packages exist with this id in source(s): nuget.org", "src/Calc/Calc.cs", true)]
    [InlineData("error NU1102: Unable to find package xunit.core with version (>= 99.0.0)", "src/Calc/Calc.cs", true)]
    [InlineData("Unable to find a stable package Coverlet.Collector with version (>= 6.0.2)", "tests/Calc.Tests/CalcTests.cs", true)]
    [InlineData("Unable to find package altcover. No packages exist with this id in source(s): nuget.org", "tests/Calc.Tests/Calc.Tests.csproj", false)]
    [InlineData("Unable to find package Strings. No packages exist with this id in source(s): nuget.org", "src/Calc/Calc.cs", false)]
    public async Task ARestoreMissingAThirdPartysNuGetPackage_IsTheEnvironment_UnlessTheChangeEditsAProjectOrItIsTheRepositorysOwn(string message, string changed, bool environment)
    {
        // ardalis/GuardClauses against the partial NuGet feed here (session 12): NU1101 for altcover, on the base too,
        // went to the model as "yours to fix (the change touches src/GuardClauses, which its project depends on)".
        var restore = new ValidationFinding(message) { File = "tests/Calc.Tests/Calc.Tests.csproj", Code = "NU1101" };

        var business = await BusinessAsync("Document the guards", changed);

        Assert.Equal(environment, business.IsEnvironment(restore));
    }

    [Theory]
    [InlineData("test/git.test.ts", "Error: Command failed: git tag --points-at HEAD\nfatal: not a git repository: /w/mirror/worktrees/abc", true)]
    [InlineData("tests/test_client.py", "requests.exceptions.ConnectionError: HTTPSConnectionPool(host='httpbin.org'): NameResolutionError: Temporary failure in name resolution", true)]
    [InlineData("test/fetch.test.js", "Error: getaddrinfo ENOTFOUND registry.example.org", true)]
    [InlineData("bindings/go/binding_test.go", "module lookup disabled by GOPROXY=off", true)]
    [InlineData("bindings/node/binding_test.js", "Error: No native build was found for platform=linux arch=x64 runtime=node abi=115 uv=1 libc=glibc node=20.20.2", true)]
    [InlineData("test/addon.test.js", "Error: Could not locate the bindings file. Tried:\n → build/Release/addon.node", true)]
    [InlineData("tests/test_toml_tests.py", "FileNotFoundError: [Errno 2] No such file or directory: 'tests/toml-test/tests/valid'", true)]
    [InlineData("tests/test_toml_tests.py", "FileNotFoundError: [Errno 2] No such file or directory: 'tests/data/valid'", false)]
    public async Task WhatTheSandboxLacks_NetworkGitMetadataOrASubmodule_IsTheEnvironment(string file, string message, bool environment)
    {
        // unjs/changelogen (tests run git on the checkout, whose git directory the sandbox hides), tests that need the
        // network, and python-poetry/tomlkit (its test suite reads a git submodule a worktree does not have).
        _repo.WriteFile(".gitmodules", "[submodule \"toml-test\"]\n\tpath = tests/toml-test\n\turl = https://example.invalid/toml-test.git\n");
        var failure = new ValidationFinding(message) { File = file, TestName = file + "::test_it" };

        Assert.Equal(environment, (await BusinessAsync("Add a CODEOWNERS file", ".github/CODEOWNERS")).IsEnvironment(failure));
        Assert.False((await BusinessAsync("Add a CODEOWNERS file", ".gitmodules")).IsEnvironment(failure));
    }

    [Theory]
    [InlineData("requirements.txt")]
    [InlineData("pyproject.toml")]
    [InlineData("web/package.json")]
    public async Task AMissingModule_StaysTheSessions_WhenTheChangeTouchesWhatInstallsIt(string changed)
    {
        var failure = new ValidationFinding("ModuleNotFoundError: No module named 'freezegun'") { File = "tests/test_timed.py" };

        Assert.False((await BusinessAsync("Add a CODEOWNERS file", changed)).IsEnvironment(failure));
        Assert.False((await BusinessAsync("Make tests/test_timed.py pass", ".github/CODEOWNERS")).IsEnvironment(failure));
    }

    [Fact]
    public async Task AFailingTestWhoseMessageNamesNoMissingModule_IsNeverTheEnvironment()
    {
        var business = await BusinessAsync("Add a CODEOWNERS file", ".github/CODEOWNERS");

        Assert.False(business.IsEnvironment(new ValidationFinding("AssertionError: assert 3 == 4") { TestName = "tests/test_calc.py::test_add", File = "tests/test_calc.py" }));
        Assert.True(business.IsEnvironment(new ValidationFinding("ModuleNotFoundError: No module named 'freezegun'") { TestName = "tests/test_calc.py::test_later_import", File = "tests/test_calc.py" }));
    }

    [Theory]
    [InlineData("Ns.CalcTests.Add_ReturnsSum(a: 1, b: 2)", new[] { "Ns.CalcTests.Add_ReturnsSum", "Add_ReturnsSum", "CalcTests" })]
    [InlineData("tests/test_calc.py::TestCalc::test_add[1-2]", new[] { "tests/test_calc.py::TestCalc::test_add", "tests/test_calc.py", "test_calc.py", "test_add", "TestCalc" })]
    [InlineData("p.SizeTest.fits{int}[2]", new[] { "p.SizeTest.fits", "fits", "SizeTest" })]
    [InlineData("p.SizeTest.fits(int, String)[2]", new[] { "p.SizeTest.fits", "fits", "SizeTest" })]
    [InlineData("TestAdd/small_numbers", new[] { "TestAdd/small_numbers", "small_numbers", "TestAdd" })]
    [InlineData("math > adds 1.5 and 2", new[] { "math > adds 1.5 and 2", "adds 1.5 and 2", "math" })]
    public void NamesOfATest_CoverTheRunnersNamingSchemes(string testName, string[] expected)
        => Assert.Equal(expected, SessionBusiness.NamesOf(new ValidationFinding("x") { TestName = testName }));

    private async Task<SessionBusiness> BusinessAsync(string goal, params string[] changed)
    {
        var facts = await RepositoryFacts.ScanAsync(_repo.Path, changed, TestContext.Current.CancellationToken);
        return new SessionBusiness(new CodingTask(goal), facts);
    }
}
