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
