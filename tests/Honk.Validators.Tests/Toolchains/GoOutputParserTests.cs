using Honk.Validators.Toolchains;

namespace Honk.Validators.Tests.Toolchains;

public sealed class GoOutputParserTests
{
    private readonly GoOutputParser _parser = new("example.com/calc");

    [Fact]
    public void Parse_TestFailures_LoggedLineSubtestAndPanicFrame()
    {
        var findings = _parser.Parse(RecordedOutput.Read("go-test-failures.txt"));

        Assert.Equal(["TestAdd", "TestGreet/world", "TestPanics"], findings.Select(f => f.TestName));
        Assert.Equal(("got 9, want 8", "calc_test.go", 7), (findings[0].Message, findings[0].File, findings[0].Line!.Value));
        Assert.Equal("Greet(\"world\") = \"hello, world\", want \"hello world\"", findings[1].Message);
        Assert.Equal("panic: assignment to entry in nil map", findings[2].Message);
        Assert.Equal(($"{RecordedOutput.Root}/calc_test.go", 24), (findings[2].File, findings[2].Line!.Value));
    }

    [Fact]
    public void Parse_AGoOlderThanTheModuleAsksFor_OneFindingWithoutAFileSaysSo()
    {
        // google/go-cmp (go 1.21) under Go 1.19: a method the old library lacks, then go's note; the errors are the
        // toolchain's, identical on the base, and must not be sent to the model as its to fix.
        const string output = """
            # example.com/calc [example.com/calc.test]
            ./calc_test.go:9:20: time.Time.Compare undefined (type time.Time has no field or method Compare)
            note: module requires Go 1.21
            # example.com/calc/strs
            strs/strs_test.go:12:4: example.com/calc/strs.Pair composite literal uses unkeyed fields
            """;

        var finding = Assert.Single(_parser.Parse(output));

        Assert.Equal((null, null, "toolchain"), (finding.File, finding.TestName, finding.Code));
        Assert.StartsWith("the module requires Go 1.21", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralPackages_OnlyFailingPackageReported()
    {
        var findings = _parser.Parse(RecordedOutput.Read("go-test-multi-package.txt"));

        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal("calc_test.go", f.File));
    }

    [Fact]
    public void Parse_TestInSubpackage_FilePlacedInPackageFolder()
    {
        const string output = """
            --- FAIL: TestUp (0.00s)
                strs_test.go:7: x
            FAIL
            FAIL	example.com/calc/strs	0.002s
            FAIL
            """;

        var finding = Assert.Single(_parser.Parse(output));

        Assert.Equal(("strs/strs_test.go", "x"), (finding.File, finding.Message));
    }

    [Fact]
    public void Parse_BuildErrors_EveryErrorWithPosition()
    {
        var findings = _parser.Parse(RecordedOutput.Read("go-build-errors.txt"));

        Assert.Equal(
            [("strs/bad.go", 3, 8, "imported and not used: \"fmt\""), ("strs/bad.go", 6, 9, "undefined: lower"), ("strs/bad.go", 10, 14, "cannot use \"x\" (untyped string constant) as int value in variable declaration")],
            findings.Select(f => (f.File!, f.Line!.Value, f.Column!.Value, f.Message)));
    }

    [Fact]
    public void Parse_VetErrors_VetCodeAndPrefixRemoved()
    {
        var findings = _parser.Parse(RecordedOutput.Read("go-vet-errors.txt"));

        Assert.Equal(2, findings.Count);
        Assert.Equal(("cmd/app/main.go", "fmt.Printf format %d has arg \"hi\" of wrong type string"), (findings[0].File, findings[0].Message));
        Assert.Equal(("strs/bad.go", "undeclared name: lower", "vet"), (findings[1].File, findings[1].Message, findings[1].Code));
    }

    [Fact]
    public void Parse_BuildFailedDuringTest_CompileErrorsAndTestFailures()
    {
        var findings = _parser.Parse(RecordedOutput.Read("go-test-build-failed.txt"));

        Assert.Equal(6, findings.Count);
        Assert.Contains(findings, f => f.Message == "undefined: lower");
        Assert.Contains(findings, f => f.TestName == "TestAdd");
    }

    [Fact]
    public void Parse_NewerGoDotSlashPaths_DotSlashRemoved()
    {
        var finding = Assert.Single(_parser.Parse("# example.com/calc\n./calc.go:3:2: undefined: y\n"));

        Assert.Equal(("calc.go", 3, 2, "undefined: y"), (finding.File, finding.Line!.Value, finding.Column!.Value, finding.Message));
    }

    [Fact]
    public void DescribeSuccess_OkPackages_Counted()
        => Assert.Equal("2 packages passed", _parser.DescribeSuccess("ok  \texample.com/calc\t0.01s\n?   \texample.com/calc/cmd\t[no test files]\nok  \texample.com/calc/strs\t0.01s\n"));
}
