using Honk.Testing;
using Honk.Validators.Toolchains;

namespace Honk.Validators.Tests.Toolchains;

/// <summary>
/// A flat-layout package that finds its own plug-ins by entry point passes without an install. Found on
/// Python-Markdown (session 13): its extensions are loaded by name through the <c>markdown.extensions</c> entry points
/// of its <c>pyproject.toml</c>, which exist only in an installed distribution's metadata; run from the checkout, 207
/// tests failed with <c>ModuleNotFoundError: No module named 'md_in_html'</c>.
/// </summary>
public sealed class PythonEntryPointsTests : IDisposable
{
    private readonly TemporaryDirectory _project = new("honk-python-entry-points");

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task PytestValidate_FlatLayoutLoadingItsPluginByEntryPoint_PassesWithoutAnInstall()
    {
        await ToolchainSandbox.RequireAsync(_project.Path, "python3", "-c", "import pytest");
        _project.WriteFile("pyproject.toml", "[project]\nname = \"calc\"\ndynamic = [\"version\"]\n\n"
            + "[project.entry-points.'calc.operations']\ndouble = 'calc.operations:double'\n");
        _project.WriteFile("calc/__init__.py", """
            from importlib.metadata import entry_points


            def operation(name):
                return next(ep for ep in entry_points(group="calc.operations") if ep.name == name).load()
            """);
        _project.WriteFile("calc/operations.py", "def double(x):\n    return 2 * x\n");
        _project.WriteFile("tests/__init__.py", "");
        _project.WriteFile("tests/test_operations.py", "import calc\n\n\ndef test_double():\n    assert calc.operation(\"double\")(2) == 4\n");

        var result = await ToolchainSandbox.ValidateAsync(new PytestValidator(new ValidatorOptions { RerunFailedTests = false }), _project.Path, TestContext.Current.CancellationToken);

        Assert.True(result.Outcome == ValidationOutcome.Passed, result.Summary);
    }
}
