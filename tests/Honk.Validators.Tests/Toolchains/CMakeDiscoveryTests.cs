using Honk.Testing;
using Honk.Validators.Toolchains;

namespace Honk.Validators.Tests.Toolchains;

/// <summary>
/// CMake layouts that ran no test on real repositories: tests behind an option, behind a switch only the repository
/// knows (honk.json), behind a preset; and ctest finding nothing where tests exist.
/// </summary>
public sealed class CMakeDiscoveryTests : IDisposable
{
    private const string Library = "int add(int a, int b) { return a + b + (a == 2); }\n";

    private const string AssertTest = """
        #include <assert.h>
        #include <stdio.h>
        int add(int a, int b);
        int main(void) { printf("checking add(0, 0)\n"); assert(add(0, 0) == 0); assert(add(2, 2) == 4); return 0; }
        """;

    private readonly TemporaryDirectory _project = new("honk-cmake-discovery");

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task Validate_TestsBehindOption_OptionTurnedOn_FailingAssertNamedWithRelativePath()
    {
        await ToolchainSandbox.RequireAsync(_project.Path, "cmake");
        WriteProject("option(CALC_BUILD_TESTS \"Build the tests\" OFF)\n" + TestsBehind("CALC_BUILD_TESTS"));

        var result = await ToolchainSandbox.ValidateAsync(new CMakeValidator(new CMakeValidatorOptions { RerunFailedTests = false }), _project.Path, TestContext.Current.CancellationToken);

        Assert.Equal(ValidationOutcome.Failed, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("calc_test", finding.TestName);
        Assert.Contains("tests/calc_test.c:4: main: Assertion `add(2, 2) == 4' failed.", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_project.Path, result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_TestsBehindUnknownSwitch_NoTestsRanIsAFailure_ThenHonkJsonTurnsThemOn()
    {
        await ToolchainSandbox.RequireAsync(_project.Path, "cmake");
        WriteProject(TestsBehind("CALC_WITH_CHECKS"));
        var validator = new CMakeValidator(new CMakeValidatorOptions { RerunFailedTests = false });

        var nothing = await ToolchainSandbox.ValidateAsync(validator, _project.Path, TestContext.Current.CancellationToken);
        _project.WriteFile("honk.json", """{ "validators": { "cmake": { "configureArgs": ["-DCALC_WITH_CHECKS=ON"] } } }""");
        var configured = await ToolchainSandbox.ValidateAsync(validator, _project.Path, TestContext.Current.CancellationToken);

        Assert.Equal(ValidationOutcome.Failed, nothing.Outcome);
        Assert.Equal(ValidationFailureKind.NoTestsRan, nothing.FailureKind);
        Assert.Contains("no tests ran: ctest found no tests", nothing.Summary, StringComparison.Ordinal);
        Assert.Contains("configureArgs", nothing.Summary, StringComparison.Ordinal);
        Assert.Equal("calc_test", Assert.Single(configured.Findings).TestName);
    }

    [Fact]
    public async Task Validate_Presets_DevPresetWithTestsOnIsUsed_BuildFolderStaysHonks()
    {
        await ToolchainSandbox.RequireAsync(_project.Path, "cmake");
        WriteProject(TestsBehind("CALC_TESTING"));
        _project.WriteFile("CMakePresets.json", """
            {
              "version": 3,
              "configurePresets": [
                { "name": "base", "hidden": true, "binaryDir": "${sourceDir}/out/${presetName}" },
                { "name": "release", "inherits": "base", "cacheVariables": { "CMAKE_BUILD_TYPE": "Release" } },
                { "name": "dev", "inherits": "base", "cacheVariables": { "CALC_TESTING": "ON" } }
              ]
            }
            """);

        var result = await ToolchainSandbox.ValidateAsync(new CMakeValidator(new CMakeValidatorOptions { RerunFailedTests = false }), _project.Path, TestContext.Current.CancellationToken);

        Assert.Equal("calc_test", Assert.Single(result.Findings).TestName);
        Assert.False(Directory.Exists(_project.Combine("out")), "the preset's binaryDir must not be written into the repository");
    }

    [Fact]
    public void Switches_OptionsCachedBoolsAndCTest_FoundVendoredAndCostlyOnesLeftOut()
    {
        _project.WriteFile("CMakeLists.txt", """
            project(x C)
            option(X_BUILD_TESTS "tests" OFF)
            option(X_BUILD_FUZZ_TESTS "fuzzers" OFF)  # expensive, not a test switch we turn on
            option(X_CUDA_TEST "needs the CUDA toolkit" OFF)
            set(X_ENABLE_TESTING OFF CACHE BOOL "more tests")
            # option(X_COMMENTED_TESTS "" OFF)
            include(CTest)
            add_subdirectory(third_party/gtest)
            """);
        _project.WriteFile("cmake/Options.cmake", "option(X_TEST_INSTALL \"install the tests\" OFF)\ncmake_dependent_option(X_UNIT_TESTS \"\" ON \"X_BUILD_TESTS\" OFF)\n");
        _project.WriteFile("third_party/gtest/CMakeLists.txt", "option(gtest_build_tests \"\" OFF)\nadd_test(NAME g COMMAND g)\n");
        var facts = new RepositoryFacts(_project.Path, ["CMakeLists.txt", "cmake/Options.cmake", "third_party/gtest/CMakeLists.txt"]);

        var switches = CMakeTestSwitches.Read(facts, "");

        Assert.Equal(["X_BUILD_TESTS", "X_ENABLE_TESTING", "BUILD_TESTING", "X_UNIT_TESTS"], switches.Switches);
        Assert.True(switches.HasTests);
    }

    [Theory]
    [InlineData("FMT_TEST", true)]
    [InlineData("JSON_BuildTests", true)]
    [InlineData("DOCTEST_WITH_TESTS", true)]
    [InlineData("ENABLE_CJSON_TEST", true)]
    [InlineData("tinyxml2_BUILD_TESTING", true)]
    [InlineData("BUILD_TESTING", true)]
    [InlineData("DOCTEST_NO_INSTALL", false)]
    [InlineData("DOCTEST_INTERNAL_WERROR", false)]
    [InlineData("FMT_CUDA_TEST", false)]
    [InlineData("FOO_USE_SYSTEM_GTEST", false)]
    [InlineData("FOO_TEST_INSTALL", false)]
    [InlineData("FOO_BUILD_BENCHMARKS", false)]
    public void IsTestSwitch_ByWordsAfterTheProjectPrefix(string name, bool expected)
        => Assert.Equal(expected, CMakeTestSwitches.IsTestSwitch(name));

    [Fact]
    public void Switches_NoTestsDefined_HasTestsFalse()
    {
        _project.WriteFile("CMakeLists.txt", "project(x C)\nadd_executable(app main.c)\n");

        Assert.False(CMakeTestSwitches.Read(new RepositoryFacts(_project.Path, ["CMakeLists.txt"]), "").HasTests);
    }

    [Fact]
    public void Presets_NamedInHonkJsonButNoPresetsFile_ClearError()
    {
        var error = Assert.Throws<RepositorySettingsException>(() => CMakePresets.Read(_project.Path, "ci"));

        Assert.Contains("'ci', but CMakePresets.json does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Presets_TestPresetFollowsChosenConfigurePreset()
    {
        _project.WriteFile("CMakePresets.json", """
            {
              "version": 6,
              "configurePresets": [ { "name": "windows-msvc" }, { "name": "linux-ci" }, { "name": "linux-release" } ],
              "buildPresets": [ { "name": "b", "configurePreset": "linux-ci", "configuration": "Debug" } ],
              "testPresets": [ { "name": "t", "configurePreset": "linux-ci", "filter": { "exclude": { "name": "slow" } } } ]
            }
            """);

        var presets = CMakePresets.Read(_project.Path, named: null)!;

        Assert.Equal(new CMakePresets("linux-ci", "Debug", null, "slow"), presets);
    }

    /// <summary>The calc test, defined only when a CMake variable is on.</summary>
    private static string TestsBehind(string variable) => $"""
        if({variable})
          enable_testing()
          add_executable(calc_test tests/calc_test.c)
          target_link_libraries(calc_test calc)
          add_test(NAME calc_test COMMAND calc_test)
        endif()
        """;

    private void WriteProject(string tests)
    {
        _project.WriteFile("CMakeLists.txt", $"cmake_minimum_required(VERSION 3.16)\nproject(calc C)\nadd_library(calc src/calc.c)\n{tests}\n");
        _project.WriteFile("src/calc.c", Library);
        _project.WriteFile("tests/calc_test.c", AssertTest);
    }
}
