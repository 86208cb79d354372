using Honk.Testing;
using Honk.Validators.Tests.Support;
using Honk.Validators.Toolchains;

namespace Honk.Validators.Tests.Toolchains;

/// <summary>
/// A test module that cannot be imported on this machine must not stop the other modules' tests. Found on
/// Textualize/rich (session 11): three test modules import a third party's package the machine lacks; pytest stopped
/// at "Interrupted: 3 errors during collection" and ran no test at all; the three errors, the same on the base and
/// placed in <c>tests/</c> (its own <c>pytest.ini</c>, so a project apart from the package the change touched), were
/// tolerated, and a session ended <c>succeeded</c> with not one test run.
/// </summary>
public sealed class PytestCollectionErrorsTests : IDisposable
{
    private readonly TemporaryDirectory _project = new("honk-pytest-collection");
    private readonly TemporaryDirectory _base = new("honk-pytest-collection-base");

    public void Dispose()
    {
        _project.Dispose();
        _base.Dispose();
    }

    [Fact]
    public async Task PytestValidate_AModuleTheMachineCannotImport_TheOtherModulesStillRun_AndTheirNewFailureBlocks()
    {
        await ToolchainSandbox.RequireAsync(_project.Path, "python3", "-c", "import pytest");
        foreach (var folder in new[] { _project, _base })
        {
            // The layout of the repository: a flat package at the root, pytest configured in pyproject.toml, tests/ a
            // package of its own with its own pytest.ini.
            folder.WriteFile("pyproject.toml", "[project]\nname = \"calc\"\nversion = \"1.0\"\n\n[tool.pytest.ini_options]\ntestpaths = [\"tests\"]\n");
            folder.WriteFile("calc/__init__.py", "def add(a, b):\n    return a + b\n");
            folder.WriteFile("tests/__init__.py", "");
            folder.WriteFile("tests/pytest.ini", "[pytest]\n");
            folder.WriteFile("tests/test_calc.py", "from calc import add\n\n\ndef test_add():\n    assert add(4, 4) == 8\n");
            folder.WriteFile("tests/test_render.py", "import honk_absent_markup_lib\n\n\ndef test_render():\n    assert honk_absent_markup_lib.render('x')\n");
        }

        // The change breaks add(); only test_add can tell.
        _project.WriteFile("calc/__init__.py", "def add(a, b):\n    return a + b + 1\n");
        var inner = new PytestValidator(new ValidatorOptions { RerunFailedTests = false });
        var baseline = await ValidationBaseline.CaptureAsync([inner],
            new FolderWorkspace(_base.Path).Context(ToolchainSandbox.For(_base.Path), round: 0), TestContext.Current.CancellationToken);
        var workspace = new FolderWorkspace(_project.Path);
        workspace.Changed.Add("calc/__init__.py");

        var result = await new BaselineValidator(inner, _ => Task.FromResult(baseline))
            .ValidateAsync(workspace.Context(ToolchainSandbox.For(_project.Path)), TestContext.Current.CancellationToken);

        Assert.Equal(ValidationOutcome.Failed, result.Outcome);
        Assert.False(result.OnlyPreExistingFailures, result.Summary);
        var broken = Assert.Single(result.Findings, f => f.TestName is not null);
        Assert.Equal("tests/test_calc.py::test_add", broken.TestName);
        var missing = Assert.Single(result.Findings, f => f.Code == "collection");
        Assert.Contains("No module named 'honk_absent_markup_lib'", missing.Message, StringComparison.Ordinal);

        // tests/ holds the package's tests (its pytest.ini makes no project apart), so the change touches their project:
        // the third party's missing module is not tolerated but noted as the environment, not the change's to fix.
        Assert.Contains("no file of the change can cause it", result.Summary, StringComparison.Ordinal);
    }
}
