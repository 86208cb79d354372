using System.Text.RegularExpressions;

namespace Honk.Validators.Toolchains;

/// <summary>
/// Validates Python projects tested with pytest (<c>pytest.ini</c>, a <c>pyproject.toml</c>, <c>setup.cfg</c> or
/// <c>tox.ini</c> that configures pytest, a <c>conftest.py</c>, or <c>test_*.py</c>/<c>*_test.py</c> files):
/// <c>python3 -m pytest -q</c> (through <see cref="Launcher"/>) at the repository root, with the repository's <c>.venv</c> when it has one. Reports
/// failing tests by node id with pytest's explanation of the assertion, and collection errors (the other modules' tests
/// still run: <c>--continue-on-collection-errors</c>); "no tests collected" passes. Failing tests are re-run once by node id to spot flaky ones.
/// </summary>
public sealed partial class PytestValidator : ToolchainValidator
{
    private static readonly Dictionary<string, string> PytestEnvironment = new(StringComparer.Ordinal)
    {
        // No __pycache__ in the workspace.
        ["PYTHONDONTWRITEBYTECODE"] = "1",
    };

    /// <summary>
    /// Runs pytest as <c>python3 -m pytest</c> does (its arguments are <c>sys.argv[1:]</c>), with a report the parser
    /// can read whole: 200 columns wide (long test ids keep their <c>____</c> headers, summary messages are not cut at
    /// 80), and a short summary of one line per failure. The sandbox sets <c>CI</c>, under which pytest prints every
    /// failure's whole message in the short summary: Textualize/rich's rendering diffs made it hundreds of lines, the
    /// output's tail kept only its last failures, and the others were read from their sections without their module.
    /// Both are pytest's own output only: the width is set on its terminal writer (a <c>COLUMNS=200</c> in the
    /// environment failed six of rich's terminal-size tests that pass by hand), and <c>CI</c> is hidden while the summary
    /// is written, after every test and fixture has finished.
    /// </summary>
    internal const string Launcher =
        "import os, sys, pytest\n"
        + "class HonkReport:\n"
        + "    @pytest.hookimpl(trylast=True)\n"
        + "    def pytest_configure(self, config):\n"
        + "        reporter = config.pluginmanager.get_plugin('terminalreporter')\n"
        + "        if reporter is not None:\n"
        + "            reporter._tw.fullwidth = 200\n"
        + "    @pytest.hookimpl(hookwrapper=True, tryfirst=True)\n"
        + "    def pytest_terminal_summary(self):\n"
        + "        hidden = {name: os.environ.pop(name) for name in ('CI', 'BUILD_NUMBER') if name in os.environ}\n"
        + "        try:\n"
        + "            yield\n"
        + "        finally:\n"
        + "            os.environ.update(hidden)\n"
        + "sys.exit(pytest.main(sys.argv[1:], plugins=[HonkReport()]))\n";

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<ValidationStep, string> _testFiles = [];

    /// <summary>Creates the validator.</summary>
    /// <param name="options">Its options; the defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    public PytestValidator(ValidatorOptions? options = null, TimeProvider? timeProvider = null)
        : base(options ?? new ValidatorOptions(), timeProvider)
    {
    }

    /// <inheritdoc />
    public override string Name => "pytest";

    /// <inheritdoc />
    protected override IReadOnlyList<string> ProjectFileNames { get; } = ["pytest.ini", "conftest.py", "pyproject.toml", "setup.cfg", "tox.ini"];

    /// <inheritdoc />
    protected override string Program => "python3";

    /// <inheritdoc />
    protected override bool AppliesToCore(RepositoryFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.HasFile("pytest.ini") || facts.HasFile("conftest.py"))
        {
            return true;
        }

        foreach (var (file, marker) in new[] { ("pyproject.toml", "[tool.pytest"), ("setup.cfg", "[tool:pytest]"), ("tox.ini", "[pytest]") })
        {
            var path = Path.Combine(facts.RootPath, file);
            if (facts.HasFile(file) && File.Exists(path) && File.ReadAllText(path).Contains(marker, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return facts.Files.Any(f => TestFile().IsMatch(f));
    }

    /// <inheritdoc />
    protected override IReadOnlyList<string> FindProjectFoldersCore(RepositoryFacts facts)
        => AppliesToCore(facts) ? [""] : []; // pytest finds its own rootdir and tests from the repository root

    /// <inheritdoc />
    protected override async ValueTask<string?> GetSkipReasonAsync(ValidationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var python = PythonOf(context);
        if (python == "python3" && !await IsInstalledAsync(context, python, cancellationToken).ConfigureAwait(false))
        {
            return "python3 is not installed";
        }

        var probe = new CommandRequest(python, ["-c", "import pytest"]);
        return await SucceedsAsync(context, probe, cancellationToken).ConfigureAwait(false) == false
            ? $"pytest is not installed (`{python} -c \"import pytest\"` failed)"
            : null;
    }

    /// <inheritdoc />
    protected override ValueTask<IReadOnlyList<ValidationStep>> PlanProjectAsync(ValidationContext context, ToolchainProject project, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        var (folder, nameWithFolder) = (project.Folder, project.NameWithFolder);
        ArgumentNullException.ThrowIfNull(context);
        var environment = new Dictionary<string, string>(PytestEnvironment, StringComparer.Ordinal);
        var root = context.Workspace.RootPath;
        if (!File.Exists(Path.Combine(root, ".venv", "bin", "python")) && project.Facts.Files.Any(f => SrcLayoutPackage().IsMatch(f)))
        {
            // A src layout is importable only once installed; without the repository's own environment, put src/ on the
            // path, and the package's own metadata beside it (tests that ask importlib.metadata for it, as click's do).
            var metadata = PythonPackageMetadata.Write(root, ScratchPath(context, PythonPackageMetadata.FolderName));
            environment["PYTHONPATH"] = metadata is null ? Path.Combine(root, "src") : Path.Combine(root, "src") + ":" + metadata;
        }
        else if (!File.Exists(Path.Combine(root, ".venv", "bin", "python")) && PythonPackageMetadata.DeclaresEntryPoints(root)
            && PythonPackageMetadata.Write(root, ScratchPath(context, PythonPackageMetadata.FolderName)) is { } metadata)
        {
            // A flat layout imports from the root without an install, but its entry points (plug-ins found by name, as
            // Python-Markdown's extensions are) exist only in an installed distribution's metadata.
            environment["PYTHONPATH"] = metadata;
        }

        // A module that cannot be imported (a third party's package the machine lacks) would stop pytest before any test
        // ("Interrupted: N errors during collection"): the error, the same on the base, was tolerated and no test vouched
        // for the change (Textualize/rich). The other modules' tests run and judge the change; the error is still reported.
        var request = new CommandRequest(PythonOf(context),
            ["-c", Launcher, "-q", "-p", "no:cacheprovider", "--color=no", "-rfE", "--continue-on-collection-errors"]) { Environment = environment };
        var step = new ValidationStep("test", request, new PytestOutputParser()) { RunsTests = true };
        if (project.Facts.Files.FirstOrDefault(f => TestFile().IsMatch(f)) is { } testFile)
        {
            _testFiles.AddOrUpdate(step, testFile);
        }

        return ValueTask.FromResult<IReadOnlyList<ValidationStep>>([step]);
    }

    /// <inheritdoc />
    protected override ValueTask<ValidationStepResult> InterpretAsync(ValidationStep step, CommandResult result, ValidationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);

        // Exit code 5: nothing was collected. Fine for a repository without test files; otherwise no check happened.
        if (result.ExitCode == 5 && !result.TimedOut)
        {
            return ValueTask.FromResult(_testFiles.TryGetValue(step, out var testFile)
                ? ValidationStepResult.NoTestsRan(
                    $"pytest collected no tests although the repository has test files (e.g. {testFile}; looked for test_*.py and *_test.py). "
                    + "Check the pytest configuration (testpaths, python_files) or the -k/-m options in it.")
                : ValidationStepResult.Success("no tests collected"));
        }

        return base.InterpretAsync(step, result, context, cancellationToken);
    }

    /// <inheritdoc />
    protected override async ValueTask<IReadOnlyCollection<string>> RerunTestsAsync(
        ValidationStep step, IReadOnlyList<ValidationFinding> failures, Func<CommandRequest, CancellationToken, Task<CommandResult>> run,
        ValidationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failures);
        var testNames = failures.Select(f => f.TestName!).ToList();
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(run);
        var result = await run(step.Request with { Arguments = [.. step.Request.Arguments, .. testNames] }, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode == 0)
        {
            return [.. testNames];
        }

        var stillFailing = new PytestOutputParser().Parse(result.Output).Select(f => f.TestName).ToHashSet(StringComparer.Ordinal);
        return !Passed().IsMatch(OutputParser.StripAnsi(result.Output)) ? [] : [.. testNames.Where(n => !stillFailing.Contains(n))];
    }

    /// <summary>The interpreter: the repository's own <c>.venv</c> when it has one, else <c>python3</c> from the PATH.</summary>
    private static string PythonOf(ValidationContext context)
    {
        var venv = Path.Combine(context.Workspace.RootPath, ".venv", "bin", "python");
        return File.Exists(venv) ? venv : "python3";
    }

    [GeneratedRegex(@"(?:^|/)(?:test_[^/]*|[^/]*_test)\.py$")]
    private static partial Regex TestFile();

    [GeneratedRegex(@"^src/[A-Za-z_][\w]*/__init__\.py$")]
    private static partial Regex SrcLayoutPackage();

    [GeneratedRegex(@"\b\d+ passed\b")]
    private static partial Regex Passed();
}
