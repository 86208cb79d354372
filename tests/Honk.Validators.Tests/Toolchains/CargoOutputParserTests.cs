using Honk.Validators.Toolchains;

namespace Honk.Validators.Tests.Toolchains;

public sealed class CargoOutputParserTests
{
    private readonly CargoOutputParser _parser = new();

    [Theory]
    [InlineData("x7fq2k1mzz0a")]
    [InlineData("b93hd0qpl2sv")]
    public void Parse_RustupCannotInstallThePinnedComponents_OneStableFindingWithoutAFile(string tempName)
    {
        // dtolnay/thiserror: rust-toolchain.toml asks for rust-src; rustup cannot write its home in the sandbox and names
        // a random temp file, so the base's failure never matched the session's and went to the model.
        var output = $"info: syncing channel updates for 'stable-x86_64-unknown-linux-gnu'\nerror: could not create temp file /root/.rustup/tmp/{tempName}_file: Read-only file system (os error 30)\n";

        var finding = Assert.Single(_parser.Parse(output));

        Assert.Equal((null, null, "toolchain"), (finding.File, finding.TestName, finding.Code));
        Assert.Equal("rustup cannot install the toolchain or components the repository's rust-toolchain file asks for here: could not create temp file ~/.rustup/…: Read-only file system (os error 30)", finding.Message);
    }

    [Fact]
    public void Parse_CompilerErrors_CodeLocationAndPrimaryLabel()
    {
        var findings = _parser.Parse(RecordedOutput.Read("cargo-build-errors.txt"));

        Assert.Equal(2, findings.Count);
        Assert.Equal(("E0425", "src/lib.rs", 37, 5), (findings[0].Code, findings[0].File, findings[0].Line!.Value, findings[0].Column!.Value));
        Assert.Equal("cannot find value `undefined_thing` in this scope", findings[0].Message);
        Assert.Equal("E0308", findings[1].Code);
        Assert.Equal("mismatched types (expected `i32`, found `&str`)", findings[1].Message);
    }

    [Fact]
    public void Parse_SyntaxErrorWithoutCode_KeepsMessageDropsHelpAndNoise()
    {
        var finding = Assert.Single(_parser.Parse(RecordedOutput.Read("cargo-build-syntax-error.txt")));

        Assert.Equal(("expected `;`, found `total`", "src/lib.rs", 39), (finding.Message, finding.File, finding.Line!.Value));
        Assert.Null(finding.Code);
    }

    [Fact]
    public void Parse_TestFailures_AssertionWithLeftRightAndPanicLocation()
    {
        var findings = _parser.Parse(RecordedOutput.Read("cargo-test-failures.txt"));

        Assert.Equal(["tests::greets", "tests::is_positive", "tests::adds_small_numbers", "tests::panics_plain"], findings.Select(f => f.TestName));
        var greets = findings[0];
        Assert.Equal("assertion `left == right` failed: greeting for world\nleft: \"hello, world\"\nright: \"hello world\"", greets.Message);
        Assert.Equal(("src/lib.rs", 20), (greets.File, greets.Line!.Value));
        Assert.Equal("sum should be positive", findings[1].Message);
        Assert.Equal("assertion `left == right` failed\nleft: 9\nright: 8", findings[2].Message);
    }

    [Fact]
    public void Parse_WithBacktrace_BacktraceDropped()
    {
        var findings = _parser.Parse(RecordedOutput.Read("cargo-test-failures-backtrace.txt"));

        Assert.Equal(3, findings.Count);
        Assert.All(findings, f => Assert.DoesNotContain("rust_begin_unwind", f.Message, StringComparison.Ordinal));
        Assert.Equal("index out of bounds: the len is 0 but the index is 3", findings[2].Message);
    }

    [Fact]
    public void Parse_NoFailFastOverSeveralTargets_FailuresOfEveryTarget()
    {
        var findings = _parser.Parse(RecordedOutput.Read("cargo-test-integration.txt"));

        Assert.Equal(5, findings.Count);
        var integration = Assert.Single(findings, f => f.TestName == "add_is_commutative");
        Assert.Equal(("tests/api.rs", "assertion `left != right` failed\nleft: 4\nright: 4"), (integration.File, integration.Message));
    }

    [Fact]
    public void Parse_OldPanicFormatAndTestWithoutBlock_BothReported()
    {
        const string output = """
            running 2 tests
            test tests::old ... FAILED
            test tests::should_panic ... FAILED

            failures:

            ---- tests::old stdout ----
            thread 'tests::old' panicked at 'assertion failed: `(left == right)`', src/lib.rs:7:9

            ---- tests::should_panic stdout ----
            note: test did not panic as expected

            failures:
                tests::old
                tests::should_panic

            test result: FAILED. 0 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s
            """;

        var findings = _parser.Parse(output);

        Assert.Equal(("assertion failed: `(left == right)`", "src/lib.rs", 7), (findings[0].Message, findings[0].File, findings[0].Line!.Value));
        Assert.Equal(("tests::should_panic", "failed"), (findings[1].TestName, findings[1].Message));
    }

    [Fact]
    public void DescribeSuccess_SeveralTargets_SumsPassedTests()
    {
        const string output = """
            test result: ok. 3 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s
            test result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s
            """;

        Assert.Equal("4 tests passed", _parser.DescribeSuccess(output));
    }
}
