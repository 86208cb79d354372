using Honk.Testing;
using Honk.Validators.Tests.Support;
using Honk.Validators.Toolchains;

namespace Honk.Validators.Tests.Toolchains;

/// <summary>The validators against real small projects, run by the real toolchains inside the sandbox.</summary>
public sealed class ToolchainRuntimeTests : IDisposable
{
    private readonly TemporaryDirectory _project = new("honk-toolchain-project");

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task CMakeValidate_FailingCTestThenFixed_NamesTestThenPassesIncrementally()
    {
        await ToolchainSandbox.RequireAsync(_project.Path, "cmake");
        _project.WriteFile("CMakeLists.txt", """
            cmake_minimum_required(VERSION 3.13)
            project(calc CXX)
            enable_testing()
            add_library(calc src/calc.cpp)
            target_include_directories(calc PUBLIC include)
            add_executable(calc_smoke tests/smoke.cpp)
            target_link_libraries(calc_smoke calc)
            add_test(NAME calc_smoke COMMAND calc_smoke)
            """);
        _project.WriteFile("include/calc.h", "#pragma once\nint add(int a, int b);\n");
        _project.WriteFile("src/calc.cpp", "#include \"calc.h\"\nint add(int a, int b) { return a + b + 1; }\n");
        _project.WriteFile("tests/smoke.cpp", """
            #include <cstdio>
            #include "calc.h"
            int main() { if (add(4, 4) != 8) { std::printf("add(4, 4) was %d, expected 8\n", add(4, 4)); return 1; } return 0; }
            """);
        var validator = new CMakeValidator(new CMakeValidatorOptions { RerunFailedTests = false });

        var failed = await ToolchainSandbox.ValidateAsync(validator, _project.Path, TestContext.Current.CancellationToken);

        Assert.Equal(ValidationOutcome.Failed, failed.Outcome);
        var finding = Assert.Single(failed.Findings);
        Assert.Equal(("calc_smoke", "failed: add(4, 4) was 9, expected 8"), (finding.TestName, finding.Message));
        Assert.StartsWith("cmake: test failed", failed.Summary, StringComparison.Ordinal);
        var library = Directory.GetFiles(_project.Combine(".honk/cmake-build"), "libcalc.a", SearchOption.AllDirectories).Single();
        var builtAt = File.GetLastWriteTimeUtc(library);

        _project.WriteFile("tests/smoke.cpp", """
            #include "calc.h"
            int main() { return add(4, 4) == 9 ? 0 : 1; }
            """);
        var passed = await ToolchainSandbox.ValidateAsync(validator, _project.Path, TestContext.Current.CancellationToken);

        Assert.Equal(ValidationOutcome.Passed, passed.Outcome);
        Assert.Equal("cmake: configure ok; build ok; test: 1 test passed", passed.Summary);
        Assert.Equal(builtAt, File.GetLastWriteTimeUtc(library));
    }

    [Fact]
    public async Task CMakeValidate_GoogleTestFailure_AssertionWithRelativeFile()
    {
        await ToolchainSandbox.RequireAsync(_project.Path, "cmake");
        if (!File.Exists("/usr/include/gtest/gtest.h"))
        {
            Assert.Skip("GoogleTest is not installed (libgtest-dev); the gtest parser is tested on recorded output.");
        }

        _project.WriteFile("CMakeLists.txt", """
            cmake_minimum_required(VERSION 3.13)
            project(calc CXX)
            set(CMAKE_CXX_STANDARD 17)
            enable_testing()
            find_package(GTest REQUIRED)
            add_executable(calc_tests calc_test.cpp)
            target_link_libraries(calc_tests GTest::gtest_main)
            include(GoogleTest)
            gtest_discover_tests(calc_tests)
            """);
        _project.WriteFile("calc_test.cpp", """
            #include <gtest/gtest.h>
            static int add(int a, int b) { return a + b + 1; }
            TEST(CalcTest, AddsSmallNumbers) { EXPECT_EQ(add(4, 4), 8); }
            TEST(CalcTest, Passes) { EXPECT_EQ(1, 1); }
            """);

        var result = await ToolchainSandbox.ValidateAsync(new CMakeValidator(new CMakeValidatorOptions { RerunFailedTests = false }), _project.Path, TestContext.Current.CancellationToken);

        var finding = Assert.Single(result.Findings);
        Assert.Equal(("CalcTest.AddsSmallNumbers", "calc_test.cpp", 3), (finding.TestName, finding.File, finding.Line!.Value));
        Assert.Equal("Expected equality of add(4, 4) and 8; add(4, 4) is 9", finding.Message);
    }

    [Fact]
    public async Task CMakeValidate_CompileError_FileLineAndNoTestsRun()
    {
        await ToolchainSandbox.RequireAsync(_project.Path, "cmake");
        _project.WriteFile("CMakeLists.txt", "cmake_minimum_required(VERSION 3.13)\nproject(calc C)\nadd_executable(app main.c)\n");
        _project.WriteFile("main.c", "int main(void) {\n  return missing_value;\n}\n");

        var result = await ToolchainSandbox.ValidateAsync(new CMakeValidator(), _project.Path, TestContext.Current.CancellationToken);

        var finding = Assert.Single(result.Findings);
        Assert.Equal(("main.c", 2), (finding.File, finding.Line!.Value));
        Assert.Contains("missing_value", finding.Message, StringComparison.Ordinal);
        Assert.StartsWith("cmake: build failed", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MakeValidate_CompileErrorsInTwoFiles_BothReportedRelative()
    {
        await ToolchainSandbox.RequireAsync(_project.Path, "cc");
        _project.WriteFile("Makefile", "app: main.o util.o\n\t$(CC) -o $@ $^\n\ntest: app\n\t./app\n");
        _project.WriteFile("main.c", "int twice(int x);\nint main(void) { return twice(count); }\n");
        _project.WriteFile("util.c", "int twice(int x) { return x * 2 }\n");

        var result = await ToolchainSandbox.ValidateAsync(new MakeValidator(), _project.Path, TestContext.Current.CancellationToken);

        Assert.Equal(["main.c", "util.c"], result.Findings.Select(f => f.File));
        Assert.StartsWith("make: build failed", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CargoValidate_FailingTest_AssertionValuesAndPanicLocation()
    {
        await ToolchainSandbox.RequireAsync(_project.Path, "cargo", "--version");
        _project.WriteFile("Cargo.toml", "[package]\nname = \"calc\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\n");
        _project.WriteFile("src/lib.rs", """
            pub fn add(a: i32, b: i32) -> i32 {
                a + b + 1
            }

            #[cfg(test)]
            mod tests {
                #[test]
                fn adds_small_numbers() {
                    assert_eq!(super::add(4, 4), 8);
                }
            }
            """);

        var result = await ToolchainSandbox.ValidateAsync(new CargoValidator(new ValidatorOptions { RerunFailedTests = false }), _project.Path, TestContext.Current.CancellationToken);

        var finding = Assert.Single(result.Findings);
        Assert.Equal(("tests::adds_small_numbers", "src/lib.rs", 9), (finding.TestName, finding.File, finding.Line!.Value));
        Assert.Equal("assertion `left == right` failed\nleft: 9\nright: 8", finding.Message);
    }

    [Fact]
    public async Task PytestValidate_FailingTest_NodeIdAndAssertion()
    {
        await ToolchainSandbox.RequireAsync(_project.Path, "python3", "-c", "import pytest");
        _project.WriteFile("calc.py", "def add(a, b):\n    return a + b + 1\n");
        _project.WriteFile("tests/test_calc.py", "from calc import add\n\n\ndef test_add():\n    assert add(4, 4) == 8\n\n\ndef test_ok():\n    assert True\n");
        _project.WriteFile("pytest.ini", "[pytest]\npythonpath = .\n");

        var result = await ToolchainSandbox.ValidateAsync(new PytestValidator(new ValidatorOptions { RerunFailedTests = false }), _project.Path, TestContext.Current.CancellationToken);

        var finding = Assert.Single(result.Findings);
        Assert.Equal(("tests/test_calc.py::test_add", "tests/test_calc.py", 5), (finding.TestName, finding.File, finding.Line!.Value));
        Assert.StartsWith("assert 9 == 8", finding.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_project.Combine("tests/__pycache__")));
    }

    [Fact]
    public async Task PytestValidate_SrcLayoutAskingForItsOwnVersion_PassesWithoutAnInstall()
    {
        // A layout that broke on a real repository (pallets/click): its CI installs the package, so a test may read
        // the distribution's metadata; with only src/ on the path that was a PackageNotFoundError.
        await ToolchainSandbox.RequireAsync(_project.Path, "python3", "-c", "import pytest");
        _project.WriteFile("pyproject.toml", "[project]\nname = \"calc-lib\"\nversion = \"1.2.0\"\n\n[project.urls]\nname = \"not this\"\n");
        _project.WriteFile("src/calc_lib/__init__.py", "import importlib.metadata\n\n__version__ = importlib.metadata.version(\"calc-lib\")\n");
        _project.WriteFile("tests/test_version.py", "import calc_lib\n\n\ndef test_version():\n    assert calc_lib.__version__ == \"1.2.0\"\n");

        var result = await ToolchainSandbox.ValidateAsync(new PytestValidator(new ValidatorOptions { RerunFailedTests = false }), _project.Path, TestContext.Current.CancellationToken);

        Assert.True(result.Outcome == ValidationOutcome.Passed, result.Summary);
        Assert.True(File.Exists(_project.Combine(".honk/python-metadata/calc_lib-1.2.0.dist-info/METADATA")));
    }

    [Fact]
    public async Task GoValidate_FailingTest_LoggedLineInPackageFolder()
    {
        await ToolchainSandbox.RequireAsync(_project.Path, "go", "version");
        _project.WriteFile("go.mod", "module example.com/calc\n\ngo 1.19\n");
        _project.WriteFile("mathx/mathx.go", "package mathx\n\nfunc Add(a, b int) int { return a + b + 1 }\n");
        _project.WriteFile("mathx/mathx_test.go", """
            package mathx

            import "testing"

            func TestAdd(t *testing.T) {
            	if got := Add(4, 4); got != 8 {
            		t.Errorf("got %d, want %d", got, 8)
            	}
            }
            """);

        var result = await ToolchainSandbox.ValidateAsync(new GoValidator(new ValidatorOptions { RerunFailedTests = false }), _project.Path, TestContext.Current.CancellationToken);

        var finding = Assert.Single(result.Findings);
        Assert.Equal(("TestAdd", "mathx/mathx_test.go", 7, "got 9, want 8"), (finding.TestName, finding.File, finding.Line!.Value, finding.Message));
    }

    [Fact]
    public async Task GoValidate_ATestBrokenInANestedModule_IsRunByThatModule_NotSkippedByTheOuterOne()
    {
        // A repository of examples: the root module and modules nested in its tree, each its own build.
        await ToolchainSandbox.RequireAsync(_project.Path, "go", "version");
        _project.WriteFile("go.mod", "module example.com/examples\n\ngo 1.19\n");
        _project.WriteFile("greet/greet.go", "package greet\n\nfunc Hello() string { return \"hello\" }\n");
        _project.WriteFile("greet/greet_test.go", "package greet\n\nimport \"testing\"\n\nfunc TestHello(t *testing.T) {\n\tif Hello() != \"hello\" {\n\t\tt.Fatal(\"wrong\")\n\t}\n}\n");
        _project.WriteFile("flip/go.mod", "module example.com/flip\n\ngo 1.19\n");
        _project.WriteFile("flip/flip.go", "package flip\n\nfunc Flip(s string) string { return s }\n");
        _project.WriteFile("flip/flip_test.go", "package flip\n\nimport \"testing\"\n\nfunc TestFlip(t *testing.T) {\n\tif got := Flip(\"ab\"); got != \"ba\" {\n\t\tt.Errorf(\"Flip(ab) = %s, want ba\", got)\n\t}\n}\n");
        _project.WriteFile("internal/testdata/go.mod", "module example.com/fixture\n\ngo 1.19\n");
        var workspace = new FolderWorkspace(_project.Path);
        workspace.Changed.Add("flip/flip_test.go");
        var validator = new GoValidator(new ValidatorOptions { RerunFailedTests = false });

        var changed = await validator.ValidateAsync(workspace.Context(ToolchainSandbox.For(_project.Path)), TestContext.Current.CancellationToken);
        var untouched = await validator.ValidateAsync(new FolderWorkspace(_project.Path).Context(ToolchainSandbox.For(_project.Path), round: 0), TestContext.Current.CancellationToken);

        var finding = Assert.Single(changed.Findings);
        Assert.Equal(("TestFlip", "flip/flip_test.go"), (finding.TestName, finding.File));
        Assert.Equal(ValidationOutcome.Failed, untouched.Outcome);
        Assert.Contains("test (flip) failed", untouched.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("testdata", untouched.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CargoValidate_ADependencyTheMachineLacks_OnTheBaseToo_IsTheEnvironment_ForAChangeOutsideTheBuild()
    {
        await ToolchainSandbox.RequireAsync(_project.Path, "cargo", "--version");
        using var baseCheckout = new TemporaryDirectory("honk-toolchain-base");
        foreach (var folder in new[] { _project, baseCheckout })
        {
            // An optional dependency is still resolved; offline, with no lockfile and no registry cache, it cannot be.
            folder.WriteFile("Cargo.toml", "[package]\nname = \"calc\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\nhonk-absent-crate = { version = \"1\", optional = true }\n");
            folder.WriteFile("src/lib.rs", "pub fn add(a: i32, b: i32) -> i32 { a + b }\n");
        }

        _project.WriteFile(".github/CODEOWNERS", "* @team\n");
        var inner = new CargoValidator(new ValidatorOptions { RerunFailedTests = false });
        var baseline = await ValidationBaseline.CaptureAsync([inner], new FolderWorkspace(baseCheckout.Path).Context(ToolchainSandbox.For(baseCheckout.Path), round: 0), TestContext.Current.CancellationToken);
        var validator = new BaselineValidator(inner, _ => Task.FromResult(baseline));
        var codeowners = new FolderWorkspace(_project.Path);
        codeowners.Changed.Add(".github/CODEOWNERS");
        var manifest = new FolderWorkspace(_project.Path);
        manifest.Changed.Add("Cargo.toml");

        var outsideTheBuild = await validator.ValidateAsync(codeowners.Context(ToolchainSandbox.For(_project.Path)), TestContext.Current.CancellationToken);
        var toTheManifest = await validator.ValidateAsync(manifest.Context(ToolchainSandbox.For(_project.Path)), TestContext.Current.CancellationToken);

        Assert.Equal(ValidationFailureKind.Checks, Assert.Single(baseline.Reports).Result.FailureKind);
        Assert.Equal(ValidationFailureKind.Environment, outsideTheBuild.FailureKind);
        Assert.Contains("honk-absent-crate", outsideTheBuild.Summary, StringComparison.Ordinal);
        Assert.Contains("the checks cannot run in this environment", outsideTheBuild.Summary, StringComparison.Ordinal);
        Assert.Equal(ValidationFailureKind.Checks, toTheManifest.FailureKind);
        Assert.Contains("yours to fix", toTheManifest.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PytestValidate_AThirdPartyModuleMissingOnTheBaseToo_IsTheEnvironment_AnOwnModulesImportIsTheSessions()
    {
        // pallets/itsdangerous: its tests import freezegun, which this machine lacks; the base fails the same way. Before,
        // the failure (placed in a test file of the one project the change touches) went to the model as "yours to fix".
        await ToolchainSandbox.RequireAsync(_project.Path, "python3", "-c", "import pytest");
        using var baseCheckout = new TemporaryDirectory("honk-toolchain-base");
        foreach (var folder in new[] { _project, baseCheckout })
        {
            folder.WriteFile("pytest.ini", "[pytest]\npythonpath = .\n");
            folder.WriteFile("calc/__init__.py", "def add(a, b):\n    return a + b\n");
            folder.WriteFile("tests/test_calc.py", "from calc import add\n\n\ndef test_add():\n    assert add(4, 4) == 8\n");
            folder.WriteFile("tests/test_clock.py", "import honk_absent_clock_lib\n\n\ndef test_now():\n    assert honk_absent_clock_lib.now()\n");
        }

        _project.WriteFile(".github/CODEOWNERS", "* @team\n");
        var thirdParty = await ValidateWithBaselineAsync(baseCheckout);

        foreach (var folder in new[] { _project, baseCheckout })
        {
            folder.WriteFile("tests/test_extras.py", "from calc.extras import mul\n\n\ndef test_mul():\n    assert mul(2, 3) == 6\n");
        }

        var ownToo = await ValidateWithBaselineAsync(baseCheckout);

        Assert.Equal(ValidationFailureKind.Environment, thirdParty.FailureKind);
        Assert.Contains("No module named 'honk_absent_clock_lib'", thirdParty.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("yours to fix", thirdParty.Summary, StringComparison.Ordinal);
        Assert.Equal(ValidationFailureKind.Checks, ownToo.FailureKind);
        Assert.Contains("yours to fix (the change touches its project (the repository root)): tests/test_extras.py", ownToo.Summary, StringComparison.Ordinal);
    }

    private async Task<ValidationResult> ValidateWithBaselineAsync(TemporaryDirectory baseCheckout)
    {
        var inner = new PytestValidator(new ValidatorOptions { RerunFailedTests = false });
        var baseline = await ValidationBaseline.CaptureAsync([inner], new FolderWorkspace(baseCheckout.Path).Context(ToolchainSandbox.For(baseCheckout.Path), round: 0), TestContext.Current.CancellationToken);
        var workspace = new FolderWorkspace(_project.Path);
        workspace.Changed.Add(".github/CODEOWNERS");
        return await new BaselineValidator(inner, _ => Task.FromResult(baseline)).ValidateAsync(workspace.Context(ToolchainSandbox.For(_project.Path)), TestContext.Current.CancellationToken);
    }
}
