using System.Text;
using Honk.Validators.Toolchains;

namespace Honk.Validators.Tests.Toolchains;

/// <summary>ctest output of one failing case per runner (Unity, doctest, Catch2 v3, assert(), a plain exit code), recorded from real runs.</summary>
public sealed class CTestRunnersTests
{
    private static readonly IReadOnlyList<ValidationFinding> Findings = new CTestOutputParser().Parse(RecordedOutput.Read("ctest-runners.txt"));

    [Fact]
    public void Parse_Unity_FailingCaseWithExpectedAndWas()
    {
        var finding = Assert.Single(Findings, f => f.TestName == "test_add_small");

        Assert.Equal(("/home/dev/runners/tests/unity_calc.c", 6, "Expected 4 Was 5"), (finding.File, finding.Line!.Value, finding.Message));
        Assert.DoesNotContain(Findings, f => f.TestName is "test_add_zero" or "test_add_negative");
    }

    [Fact]
    public void Parse_Doctest_TestCaseWithExpressionAndValues()
    {
        var finding = Assert.Single(Findings, f => f.File?.EndsWith("doctest_calc.cpp", StringComparison.Ordinal) == true);

        Assert.Equal("add two small numbers", finding.TestName);
        Assert.Equal("CHECK( add(2, 2) == 4 ) is NOT correct!\nvalues: CHECK( 5 == 4 )", finding.Message);
    }

    [Fact]
    public void Parse_Catch2_TestCaseWithExpressionAndExpansion()
    {
        var finding = Assert.Single(Findings, f => f.File?.EndsWith("catch_calc.cpp", StringComparison.Ordinal) == true);

        Assert.Equal(("add two small numbers", 4), (finding.TestName, finding.Line!.Value));
        Assert.Equal("REQUIRE( add(2, 2) == 4 )\nwith expansion:\n5 == 4", finding.Message);
    }

    [Fact]
    public void Parse_AssertAbort_TheAssertionLine()
    {
        var finding = Assert.Single(Findings, f => f.TestName == "plain_calc");

        Assert.Equal("subprocess aborted: plain_calc: /home/dev/runners/tests/plain_calc.c:4: main: Assertion `add(2, 2) == 4' failed.", finding.Message);
    }

    [Fact]
    public void Parse_PlainExitCode_TheFailLineNotTheFirstPassLines()
    {
        var finding = Assert.Single(Findings, f => f.TestName == "exit_calc");

        Assert.Equal("failed: FAIL add(2,2): expected 4, got 5", finding.Message);
    }

    [Fact]
    public void Parse_PassRegexTestPrintingPassAndFailLines_ResultLineJoinedAndFailLinesShown()
    {
        // A self-checking test program whose ctest test has a PASS_REGULAR_EXPRESSION ending in a newline: ctest breaks
        // its result line in two, and the program prints hundreds of "[pass]" lines (some saying "should fail").
        const string output = """
            Test project /home/dev/xml/.honk/cmake-build
                Start 1: selftest
            1/1 Test #1: selftest .........................***Failed  Required regular expression not found. Regex=[, Fail 0
            ]  3.20 sec
            [pass] Example_1 [0][0]
            [fail] Example_2 [1][0]
            Name of play (1): A Midsummer Night's Dream
            [pass] Bad input should fail to parse [true][true]
            [pass] Element test [false][false]

            Pass 1078, Fail 1

            0% tests passed, 1 tests failed out of 1

            Total Test time (real) =   3.21 sec

            The following tests FAILED:
            	  1 - selftest (Failed)
            Errors while running CTest
            """;

        var finding = Assert.Single(new CTestOutputParser().Parse(output));

        Assert.Equal(("selftest", "failed: [fail] Example_2 [1][0]"), (finding.TestName, finding.Message));
    }

    [Fact]
    public void Summary_AllRunners_Within2KbAndEveryFailureNamed()
    {
        var summary = new SummaryBuilder(2048).Failure("cmake: test failed", Findings, []);

        Assert.True(Encoding.UTF8.GetByteCount(summary) <= 2048, summary);
        Assert.Equal(5, Findings.Count);
        foreach (var name in new[] { "test_add_small", "add two small numbers", "plain_calc", "exit_calc" })
        {
            Assert.Contains(name, summary, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("PASS", summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-----------------------\n3 Tests 0 Failures 0 Ignored \nOK\n", "3 tests passed")]
    [InlineData("[doctest] test cases: 2 | 2 passed | 0 failed | 0 skipped\n", "2 tests passed")]
    [InlineData("All tests passed (4 assertions in 2 test cases)\n", "2 tests passed")]
    public void DescribeSuccess_EachRunner_CountsTests(string output, string expected)
    {
        OutputParser[] parsers = [new UnityOutputParser(), new DoctestOutputParser(), new Catch2OutputParser()];

        Assert.Contains(expected, parsers.Select(p => p.DescribeSuccess(output)));
    }
}
