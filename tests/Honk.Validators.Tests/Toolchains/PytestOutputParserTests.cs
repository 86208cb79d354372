using Honk.Validators.Toolchains;

namespace Honk.Validators.Tests.Toolchains;

public sealed class PytestOutputParserTests
{
    private readonly PytestOutputParser _parser = new();

    [Theory]
    [InlineData("pytest-failures.txt")]
    [InlineData("pytest-failures-short.txt")]
    public void Parse_Failures_NodeIdFullExplanationAndTestLine(string recording)
    {
        var findings = _parser.Parse(RecordedOutput.Read(recording));

        Assert.Equal(8, findings.Count);
        var add = Assert.Single(findings, f => f.TestName == "tests/test_more.py::test_add");
        Assert.Equal(("assert 9 == 8\n+  where 9 = add(4, 4)", "tests/test_more.py", 7), (add.Message, add.File, add.Line!.Value));
        var greets = Assert.Single(findings, f => f.TestName == "tests/test_calc.py::CalcTest::test_greets");
        Assert.StartsWith("AssertionError: 'hello, world' != 'hello world'", greets.Message, StringComparison.Ordinal);
        var method = Assert.Single(findings, f => f.TestName == "tests/test_more.py::TestThing::test_method");
        Assert.Equal(26, method.Line);
        Assert.Contains(findings, f => f.TestName == "tests/test_more.py::test_param[2-2-4]" && f.Message.StartsWith("assert 5 == 4", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ImportErrorDuringCollection_FileAndException()
    {
        var finding = Assert.Single(_parser.Parse(RecordedOutput.Read("pytest-collection-error.txt")));

        Assert.Equal(("tests/test_broken.py", "collection"), (finding.File, finding.Code));
        Assert.Equal("ImportError: cannot import name 'multiply' from 'calc' (/home/dev/calc/calc.py)", finding.Message);
    }

    [Fact]
    public void Parse_SyntaxErrorDuringCollection_LineOfTheSyntaxError()
    {
        var finding = Assert.Single(_parser.Parse(RecordedOutput.Read("pytest-setup-error-and-syntax.txt")));

        Assert.Equal(("tests/test_syntax.py", 1, "SyntaxError: invalid syntax"), (finding.File, finding.Line!.Value, finding.Message));
    }

    [Fact]
    public void Parse_FixtureErrorAtSetup_TestNamedWithPhase()
    {
        var finding = Assert.Single(_parser.Parse(RecordedOutput.Read("pytest-setup-error.txt")));

        Assert.Equal("tests/test_fixture.py::test_uses_db", finding.TestName);
        Assert.Equal("at setup of test_uses_db: RuntimeError: database unavailable", finding.Message);
    }

    [Fact]
    public void Parse_WithoutShortSummary_SectionsStillNameFailures()
    {
        const string output = """
            F                                                                        [100%]
            =================================== FAILURES ===================================
            ___________________________________ test_add ___________________________________
            tests/test_more.py:7: in test_add
                assert add(4, 4) == 8
            E   assert 9 == 8
            1 failed in 0.02s
            """;

        var finding = Assert.Single(_parser.Parse(output));

        Assert.Equal(("tests/test_more.py::test_add", "tests/test_more.py", 7, "assert 9 == 8"), (finding.TestName, finding.File, finding.Line, finding.Message));
    }

    [Fact]
    public void DescribeSuccess_PassedLine_CountsTests()
    {
        Assert.Equal("1 test passed", _parser.DescribeSuccess(RecordedOutput.Read("pytest-pass.txt")));
        Assert.Null(_parser.DescribeSuccess(RecordedOutput.Read("pytest-no-tests.txt")));
    }
}
