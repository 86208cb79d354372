using Honk.Validators.Toolchains;

namespace Honk.Validators.Tests.Toolchains;

public sealed class CMakeParsersTests
{
    [Fact]
    public void GccParse_CompileErrors_FileLineColumnAndMessage()
    {
        var findings = new GccOutputParser().Parse(RecordedOutput.Read("cmake-build-errors.txt"));

        Assert.Equal(2, findings.Count);
        Assert.Equal($"{RecordedOutput.Root}/src/calc.cpp", findings[0].File);
        Assert.Equal(3, findings[0].Line);
        Assert.Equal(36, findings[0].Column);
        Assert.Equal("‘c’ was not declared in this scope", findings[0].Message);
        Assert.StartsWith("conversion from ‘int’ to non-scalar type", findings[1].Message, StringComparison.Ordinal);
        Assert.Equal(4, findings[1].Line);
    }

    [Fact]
    public void GccParse_MakeKeepGoing_ErrorsOfBothFilesWithoutNotesOrMakeNoise()
    {
        var findings = new GccOutputParser().Parse(RecordedOutput.Read("make-gcc-errors.txt"));

        Assert.Collection(
            findings,
            f => Assert.Equal(("main.c", 9, "‘count’ undeclared (first use in this function)"), (f.File, f.Line!.Value, f.Message)),
            f => Assert.Equal(("util.c", 1, "expected ‘;’ before ‘}’ token"), (f.File, f.Line!.Value, f.Message)));
    }

    [Fact]
    public void GccParse_FailingMakeTestTarget_NoFindingSoTheValidatorShowsTheTail()
        => Assert.Empty(new GccOutputParser().Parse(RecordedOutput.Read("make-test-failure.txt")));

    [Fact]
    public void GccParse_LinkError_UndefinedReferenceOnce()
    {
        var findings = new GccOutputParser().Parse(RecordedOutput.Read("cmake-link-error.txt"));

        var finding = Assert.Single(findings);
        Assert.Equal("undefined reference to `twice(int)'", finding.Message);
        Assert.Equal("ld", finding.Code);
    }

    [Fact]
    public void GccParse_WerrorAndClang_CodeFromFlagAndMissingColumn()
    {
        const string output = """
            src/a.c:4:7: error: unused variable 'x' [-Werror=unused-variable]
                4 |   int x;
                  |       ^
            src/b.cpp:10:10: fatal error: 'missing.h' file not found
            src/c.c:2: error: old-style diagnostic
            src/d.c:1:1: warning: this is only a warning
            make: *** No rule to make target 'src/e.c', needed by 'app'.  Stop.
            """;

        var findings = new GccOutputParser().Parse(output);

        Assert.Equal(4, findings.Count);
        Assert.Equal(("unused variable 'x'", "-Werror=unused-variable"), (findings[0].Message, findings[0].Code));
        Assert.Equal("'missing.h' file not found", findings[1].Message);
        Assert.Null(findings[2].Column);
        Assert.Equal("No rule to make target 'src/e.c', needed by 'app'", findings[3].Message);
    }

    [Fact]
    public void CMakeParse_ConfigureError_LocationCommandAndExplanation()
    {
        var finding = Assert.Single(new CMakeOutputParser().Parse(RecordedOutput.Read("cmake-configure-error.txt")));

        Assert.Equal(("CMakeLists.txt", 6, "add_subdirectory"), (finding.File, finding.Line!.Value, finding.Code));
        Assert.Equal("add_subdirectory given source \"missing\" which is not an existing directory.", finding.Message);
    }

    [Fact]
    public void CTestParse_DiscoveredGoogleTests_AssertionsPerTestAndPlainTestOutput()
    {
        var findings = new CTestOutputParser().Parse(RecordedOutput.Read("cmake-ctest-gtest-failures.txt"));

        Assert.Equal(3, findings.Count);
        Assert.Equal("CalcTest.AddsSmallNumbers", findings[0].TestName);
        Assert.Equal("Expected equality of add(4, 4) and 8; add(4, 4) is 9", findings[0].Message);
        Assert.Equal(($"{RecordedOutput.Root}/tests/calc_test.cpp", 4), (findings[0].File, findings[0].Line!.Value));
        Assert.Equal("CalcTest.AddsZero", findings[1].TestName);
        Assert.Equal("Value of: add(0, 0) == 0; Actual: false; Expected: true", findings[1].Message);
        Assert.Equal(("smoke", "failed: smoke: add(1,1) was 3"), (findings[2].TestName, findings[2].Message));
    }

    [Fact]
    public void CTestParse_OneGoogleTestBinary_EveryFailedTestWithUserMessage()
    {
        var findings = new CTestOutputParser().Parse(RecordedOutput.Read("cmake-ctest-gtest-single-binary.txt"));

        Assert.Equal(["CalcTest.AddsSmallNumbers", "CalcTest.AddsZero", "NameTest.Greets", "smoke"], findings.Select(f => f.TestName));
        Assert.Equal("Expected equality of got and \"hello world\"; got is \"hello\"; greeting for world", findings[2].Message);
        Assert.DoesNotContain(findings, f => f.TestName == "CalcTest.Passes");
    }

    [Fact]
    public void CTestParse_CrashAndTimeout_NamedWithReason()
    {
        var findings = new CTestOutputParser().Parse(RecordedOutput.Read("ctest-crash-timeout.txt"));

        Assert.Equal([("crashes", "segfault"), ("hangs", "timeout")], findings.Select(f => (f.TestName, f.Message)));
    }

    [Fact]
    public void CTestParse_ParallelOutputWithoutPerTestLines_NamesFromClosingList()
    {
        const string output = """
            50% tests passed, 1 tests failed out of 2

            The following tests FAILED:
            	  2 - parser_tests (Failed)
            Errors while running CTest
            """;

        var finding = Assert.Single(new CTestOutputParser().Parse(output));

        Assert.Equal(("parser_tests", "failed"), (finding.TestName, finding.Message));
    }

    [Fact]
    public void CTestDescribeSuccess_AllPassed_CountsTests()
        => Assert.Equal("4 tests passed", new CTestOutputParser().DescribeSuccess("100% tests passed, 0 tests failed out of 4\n\nTotal Test time (real) =   0.01 sec"));

    [Fact]
    public void GoogleTestParse_CrashInsideTest_ReportsCrashedTest()
    {
        const string output = """
            [ RUN      ] Parser.HandlesEmpty
            unknown file: Failure
            C++ exception with description "vector::_M_range_check" thrown in the test body.
            [  FAILED  ] Parser.HandlesEmpty (0 ms)
            [ RUN      ] Parser.Crashes
            """;

        var findings = new GoogleTestOutputParser().Parse(output);

        Assert.Equal(2, findings.Count);
        Assert.Contains("vector::_M_range_check", findings[0].Message, StringComparison.Ordinal);
        Assert.Equal(("Parser.Crashes", "crashed"), (findings[1].TestName, findings[1].Message));
    }
}
