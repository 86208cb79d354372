using Honk.Testing;
using Honk.Validators.Toolchains;

namespace Honk.Validators.Tests.Toolchains;

/// <summary>
/// pytest's own report is written so the parser can read it whole — wide, one summary line per failure — while the
/// tests see the environment they would see by hand. Found on Textualize/rich (session 11): Honk set
/// <c>COLUMNS=200</c> for pytest's sake, and six terminal-size tests failed under Honk that pass by hand; and under
/// the sandbox's <c>CI</c> pytest printed each failure's whole rendering diff in the short summary, so the output's
/// tail kept only the last failures and the others came without their module.
/// </summary>
public sealed class PytestOwnReportTests : IDisposable
{
    private readonly TemporaryDirectory _project = new("honk-pytest-report");

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task PytestValidate_TheTestsSeeNoColumnsVariable_YetTheShortSummaryKeepsALongMessage()
    {
        await ToolchainSandbox.RequireAsync(_project.Path, "python3", "-c", "import pytest");

        // --tb=no: the short summary line is the only place the message is printed.
        _project.WriteFile("pytest.ini", "[pytest]\naddopts = --tb=no\n");
        _project.WriteFile("tests/test_terminal.py", """
            import os


            def test_sees_the_terminal_of_a_run_by_hand():
                assert "COLUMNS" not in os.environ


            def test_long_message():
                assert False, "width check: " + "-" * 100 + " END-OF-MESSAGE"
            """);

        var result = await ToolchainSandbox.ValidateAsync(new PytestValidator(new ValidatorOptions { RerunFailedTests = false }), _project.Path, TestContext.Current.CancellationToken);

        var finding = Assert.Single(result.Findings);
        Assert.Equal("tests/test_terminal.py::test_long_message", finding.TestName);
        Assert.EndsWith("END-OF-MESSAGE", finding.Message.Split('\n')[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PytestValidate_ManyFailuresWithLongMessagesUnderCi_EveryOneNamedWithItsModule()
    {
        await ToolchainSandbox.RequireAsync(_project.Path, "python3", "-c", "import pytest");

        // 60 failures of 12-line messages: under CI a summary of 720 lines, far over the sandbox's 400-line cap.
        _project.WriteFile("pytest.ini", "[pytest]\naddopts = --tb=no\n");
        _project.WriteFile("tests/test_render.py", """
            import os

            import pytest


            @pytest.mark.parametrize("case", range(60))
            def test_render(case):
                assert "CI" in os.environ, "\n".join(f"rendered line {n} of case {case}" for n in range(12))
                assert False, "\n".join(f"rendered line {n} of case {case}" for n in range(12))
            """);

        var result = await ToolchainSandbox.ValidateAsync(new PytestValidator(new ValidatorOptions { RerunFailedTests = false }), _project.Path, TestContext.Current.CancellationToken);

        Assert.Equal(60, result.Findings.Count);
        Assert.All(result.Findings, f => Assert.Equal("tests/test_render.py", f.File));
        Assert.Contains(result.Findings, f => f.TestName == "tests/test_render.py::test_render[0]" && f.Message.StartsWith("AssertionError: rendered line 0 of case 0", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_SectionsWithoutASummaryLine_NamedWithTheirModuleAndLine()
    {
        var output = string.Join('\n',
            "=================================== FAILURES ===================================",
            "______________ test_size_falls_back[True-no_size0-(80, 25)] ______________",
            "",
            "    def test_size_falls_back(fallback, size):",
            ">       assert console_size() == size",
            "E       assert (200, 25) == (80, 25)",
            "",
            "tests/test_console.py:41: AssertionError",
            "___________________________ TestWidth.test_wide[a.b] ___________________________",
            "",
            "self = <tests.test_console.TestWidth object at 0x7f>",
            ">       assert width() == 80",
            "E       assert 200 == 80",
            "",
            "tests/test_console.py:57: AssertionError",
            "1 failed, 2 passed in 0.1s");

        var findings = new PytestOutputParser().Parse(output);

        Assert.Equal(
            [("tests/test_console.py::test_size_falls_back[True-no_size0-(80, 25)]", "tests/test_console.py", 41), ("tests/test_console.py::TestWidth::test_wide[a.b]", "tests/test_console.py", 57)],
            findings.Select(f => (f.TestName, f.File, f.Line!.Value)));
    }
}
