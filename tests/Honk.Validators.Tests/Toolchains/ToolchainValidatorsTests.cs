using Honk.Testing;
using Honk.Validators.Tests.Support;
using Honk.Validators.Toolchains;

namespace Honk.Validators.Tests.Toolchains;

public sealed class ToolchainValidatorsTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new("honk-toolchains");

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, string> MissingPrograms => new()
    {
        { "cargo", "cargo is not installed" },
        { "go", "go is not installed" },
        { "cmake", "cmake is not installed" },
        { "make", "make is not installed" },
        { "pytest", "python3 is not installed" },
        { "maven", "maven is not installed (no mvn, and the repository has no mvnw)" },
        { "gradle", "java is not installed" },
    };

    [Theory]
    [MemberData(nameof(MissingPrograms))]
    public async Task ValidateAsync_ToolchainMissing_FailsAsTheEnvironmentWithReasonAndRunsNothingElse(string name, string reason)
    {
        // A repository whose checks apply but cannot run here is not a pass (before: skipped, so the gate passed).
        WriteProjectFiles();
        var runner = new RecordingCommandRunner(_ => new CommandResult(127, "", TimeSpan.Zero));
        var validator = Create(name);

        var result = await validator.ValidateAsync(new FolderWorkspace(_folder.Path).Context(runner), TestContext.Current.CancellationToken);

        Assert.Equal((ValidationOutcome.Failed, ValidationFailureKind.Environment), (result.Outcome, result.FailureKind));
        Assert.StartsWith(reason + ": ", result.Summary, StringComparison.Ordinal);
        Assert.Contains("cannot run in this environment", result.Summary, StringComparison.Ordinal);
        Assert.All(runner.Requests, r => Assert.Equal("/bin/sh", r.FileName));
    }

    [Fact]
    public async Task ValidateAsync_PytestModuleMissing_FailsAsTheEnvironmentNamingPytest()
    {
        _folder.WriteFile("tests/test_calc.py", "def test_x():\n    assert True\n");
        var runner = new RecordingCommandRunner(r => new CommandResult(r.FileName == "python3" ? 1 : 0, "", TimeSpan.Zero));

        var result = await new PytestValidator().ValidateAsync(new FolderWorkspace(_folder.Path).Context(runner), TestContext.Current.CancellationToken);

        Assert.Equal(ValidationFailureKind.Environment, result.FailureKind);
        Assert.StartsWith("pytest is not installed", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void AppliesTo_ProjectFiles_EachToolchainSwitchesOnFromItsOwnFiles()
    {
        string[] files = ["CMakeLists.txt", "src/CMakeLists.txt", "Cargo.toml", "go.mod", "pom.xml", "build.gradle.kts", "tests/test_api.py"];
        var facts = new RepositoryFacts(_folder.Path, files);

        var applicable = ValidatorDetector.Detect(BuiltInValidators.Create().OfType<CommandValidator>(), facts);

        Assert.Equal(["cmake", "cargo", "go", "maven", "gradle", "pytest"], applicable.Where(n => n is not ("dotnet" or "node")));
        Assert.Empty(ValidatorDetector.Detect(BuiltInValidators.Create().OfType<CommandValidator>(), new RepositoryFacts(_folder.Path, ["README.md", "src/app.py"])));
    }

    [Fact]
    public void AppliesTo_MakefileBesideCMakeLists_OnlyCMakeApplies()
    {
        Assert.True(new MakeValidator().AppliesTo(new RepositoryFacts(_folder.Path, ["Makefile", "main.c"])));
        Assert.False(new MakeValidator().AppliesTo(new RepositoryFacts(_folder.Path, ["Makefile", "CMakeLists.txt"])));
    }

    [Fact]
    public void AppliesTo_PyprojectWithoutPytest_DoesNotApply()
    {
        _folder.WriteFile("pyproject.toml", "[project]\nname = \"calc\"\n");
        Assert.False(new PytestValidator().AppliesTo(new RepositoryFacts(_folder.Path, ["pyproject.toml", "calc.py"])));

        _folder.WriteFile("pyproject.toml", "[project]\nname = \"calc\"\n\n[tool.pytest.ini_options]\ntestpaths = [\"tests\"]\n");
        Assert.True(new PytestValidator().AppliesTo(new RepositoryFacts(_folder.Path, ["pyproject.toml", "calc.py"])));
    }

    [Fact]
    public void FindProjectFolders_NestedProjects_OutermostOnly()
    {
        var facts = new RepositoryFacts(_folder.Path, ["Cargo.toml", "crates/a/Cargo.toml", ".honk/x/Cargo.toml"]);
        Assert.Equal([""], new CargoValidator().FindProjectFolders(facts));

        var monorepo = new RepositoryFacts(_folder.Path, ["services/api/go.mod", "services/worker/go.mod", "README.md"]);
        Assert.Equal(["services/api", "services/worker"], new GoValidator().FindProjectFolders(monorepo));
    }

    [Fact]
    public async Task ValidateAsync_CargoNetworkOff_BuildThenTestOfflineWithQuietEnvironment()
    {
        _folder.WriteFile("Cargo.toml", "[package]\nname = \"calc\"\n");
        var runner = new RecordingCommandRunner();

        var result = await new CargoValidator().ValidateAsync(new FolderWorkspace(_folder.Path).Context(runner), TestContext.Current.CancellationToken);

        Assert.True(result.Passed);
        var cargo = runner.Requests.Where(r => r.FileName == "cargo").ToList();
        Assert.Equal(["build --offline", "test --offline --no-fail-fast"], cargo.Select(r => string.Join(' ', r.Arguments)));
        Assert.All(cargo, r => Assert.False(r.AllowNetwork));
        Assert.Equal("0", cargo[1].Environment["RUST_BACKTRACE"]);
    }

    [Fact]
    public async Task ValidateAsync_CargoNetworkAllowed_FetchStepWithNetworkFirst()
    {
        _folder.WriteFile("Cargo.toml", "[package]\nname = \"calc\"\n");
        var runner = new RecordingCommandRunner();

        await new CargoValidator(new ValidatorOptions { AllowNetwork = true }).ValidateAsync(new FolderWorkspace(_folder.Path).Context(runner), TestContext.Current.CancellationToken);

        var first = runner.Requests.First(r => r.FileName == "cargo");
        Assert.Equal(("fetch", true), (string.Join(' ', first.Arguments), first.AllowNetwork));
    }

    [Fact]
    public async Task ValidateAsync_GoMonorepoChangeInOneModule_ValidatesThatModuleWithPathsFromRoot()
    {
        _folder.WriteFile("services/api/go.mod", "module example.com/api\n\ngo 1.22\n");
        _folder.WriteFile("services/worker/go.mod", "module example.com/worker\n\ngo 1.22\n");
        var workspace = new FolderWorkspace(_folder.Path);
        workspace.Changed.Add("services/api/handler.go");
        var runner = new RecordingCommandRunner(r => r.FileName == "go" && r.Arguments[0] == "vet"
            ? new CommandResult(1, "# example.com/api\n./handler.go:3:2: undefined: y\n", TimeSpan.Zero)
            : new CommandResult(0, "", TimeSpan.Zero));

        var result = await new GoValidator().ValidateAsync(workspace.Context(runner), TestContext.Current.CancellationToken);

        var go = Assert.Single(runner.Requests, r => r.FileName == "go");
        Assert.Equal("services/api", go.WorkingDirectory);
        Assert.Equal("off", go.Environment["GOPROXY"]);
        Assert.StartsWith(Path.Combine(_folder.Path, ".honk"), go.Environment["GOCACHE"], StringComparison.Ordinal);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(("services/api/handler.go", 3), (finding.File, finding.Line!.Value));
        Assert.StartsWith("go: vet (services/api) failed", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_ScratchFolder_HiddenFromTheWorkspaceDiff()
    {
        _folder.WriteFile("go.mod", "module example.com/calc\n");
        await using var workspace = await DirectoryWorkspace.CreateAsync(_folder.Path, cancellationToken: TestContext.Current.CancellationToken);
        var context = new ValidationContext("s", new CodingTask("t"), workspace) { CommandRunner = new RecordingCommandRunner(), Round = 1 };

        await new GoValidator().ValidateAsync(context, TestContext.Current.CancellationToken);
        _folder.WriteFile(".honk/go-build/cache-entry", "x");

        Assert.True(File.Exists(_folder.Combine(".honk/.gitignore")));
        Assert.Empty(await workspace.GetChangedFilesAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ValidateAsync_PytestNothingCollected_Passes()
    {
        _folder.WriteFile("pytest.ini", "[pytest]\n");
        var runner = new RecordingCommandRunner(r => r.Arguments.Contains(PytestValidator.Launcher)
            ? new CommandResult(5, "\nno tests ran in 0.00s\n", TimeSpan.Zero)
            : new CommandResult(0, "", TimeSpan.Zero));

        var result = await new PytestValidator().ValidateAsync(new FolderWorkspace(_folder.Path).Context(runner), TestContext.Current.CancellationToken);

        Assert.Equal(ValidationOutcome.Passed, result.Outcome);
        Assert.Contains("no tests collected", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_PytestNothingCollectedButTestFilesExist_NoTestsRanFails()
    {
        _folder.WriteFile("pyproject.toml", "[project]\nname = \"calc\"\n");
        _folder.WriteFile("src/calc/__init__.py", "");
        _folder.WriteFile("tests/test_calc.py", "def test_add():\n    assert 1 + 1 == 2\n");
        var runner = new RecordingCommandRunner(r => r.Arguments.Contains(PytestValidator.Launcher)
            ? new CommandResult(5, "\nno tests ran in 0.00s\n", TimeSpan.Zero)
            : new CommandResult(0, "", TimeSpan.Zero));

        var result = await new PytestValidator().ValidateAsync(new FolderWorkspace(_folder.Path).Context(runner), TestContext.Current.CancellationToken);

        Assert.Equal(ValidationOutcome.Failed, result.Outcome);
        Assert.Equal(ValidationFailureKind.NoTestsRan, result.FailureKind);
        Assert.Contains("no tests ran: pytest collected no tests although the repository has test files (e.g. tests/test_calc.py", result.Summary, StringComparison.Ordinal);
        var pytest = runner.Requests.Single(r => r.Arguments.Contains(PytestValidator.Launcher) && r.Arguments.Contains("-q"));
        Assert.Equal(Path.Combine(_folder.Path, "src") + ":" + Path.Combine(_folder.Path, ".honk/python-metadata"), pytest.Environment["PYTHONPATH"]);
        Assert.True(File.Exists(Path.Combine(_folder.Path, ".honk/python-metadata/calc-0.dist-info/METADATA")));
    }

    [Fact]
    public void AppliesTo_OnlyASphinxMakefileInDocs_MakeDoesNotApply()
    {
        _folder.WriteFile("docs/Makefile", "html:\n\tsphinx-build -M html . _build\n");

        Assert.False(new MakeValidator().AppliesTo(new RepositoryFacts(_folder.Path, ["docs/Makefile", "pyproject.toml", "src/pkg/__init__.py"])));
        Assert.True(new MakeValidator().AppliesTo(new RepositoryFacts(_folder.Path, ["docs/Makefile", "lib/Makefile"])));
    }

    [Fact]
    public void FindProjectFolders_AConvenienceMakefileOfADotnetRepository_IsLeftToTheDotnetValidator()
    {
        // adamralph/bullseye: a root makefile that runs dotnet restore/format/build/test; make ran it offline beside the
        // dotnet validator and failed on its own restore. Makefiles below it go with it; a Makefile beside it that compiles stays.
        _folder.WriteFile("makefile", """
            default: build test

            restore:
            	$(call begin_group,$@)
            	dotnet restore
            	$(call end_group)

            build: restore
            	@echo building; DOTNET_NOLOGO=1 dotnet build --configuration Release --no-restore

            test: build
            	trap '$(set +x)' EXIT
            	env NO_COLOR=1 dotnet run --project Smoke -- --help
            	dotnet test --configuration Release --no-build \
            		--logger "console;verbosity=normal"
            """);
        _folder.WriteFile("native/Makefile", "all:\n\t$(CC) -o calc calc.c\n");
        _folder.WriteFile("dotnet/makefile", _folder.ReadFile("makefile"));
        string[] wrapped = ["makefile", "App.slnx", "src/App/App.csproj", "native/Makefile", "native/calc.c"];
        string[] beside = ["dotnet/makefile", "dotnet/App.slnx", "native/Makefile", "native/calc.c"];

        Assert.False(new MakeValidator().AppliesTo(new RepositoryFacts(_folder.Path, wrapped)));
        Assert.Equal(["native"], new MakeValidator().FindProjectFolders(new RepositoryFacts(_folder.Path, beside)));
    }

    [Theory]
    [InlineData("init:\n\tpython -m pip install -r requirements-dev.txt\ntest:\n\tpython -m pytest tests\npublish:\n\t.venv/bin/python -m build\n\trm -fr dist\n", "pyproject.toml", "pytest")]
    [InlineData("lock:\n\t@pushd vendors && $(POETRY_BIN) lock\n\t@find . -name '*.pyi' -exec rm {} \\;\n", "pyproject.toml", "pytest")]
    [InlineData("all-checks: check coverage docs package\ncheck:\n\truff format --check .\n\truff check src tests\n\tstubtest pkg.core\ncoverage:\n\tcoverage run -m unittest\ndocs:\n\tsphinx-build -W -b html docs docs/_build/html\npackage:\n\tflit build\n\ttwine check dist/*\n", "pyproject.toml", "pytest")]
    [InlineData(".PHONY : help\nhelp:\n\t@echo 'Usage: make <subcommand>'\ninstall:\n\tpip install .\ndeploy:\n\trm -rf build\n\tpython -m build\n\ttwine upload dist/*\ndocs:\n\tmkdocs build --clean\ntest:\n\tcoverage run --source=markdown -m unittest discover tests\n\tcoverage report --show-missing\n", "pyproject.toml", "pytest")]
    [InlineData("readme:\n\tgo run ./gen >README.md\n", "go.mod", "go")]
    [InlineData("test:\n\tnpm test && ( cd web && pnpm run lint )\n", "package.json", "npm")]
    [InlineData("test:\n\tdotnet test\n", "README.md", null)]
    [InlineData("test:\n\tdotnet test\n\t./scripts/smoke.sh\n", "App.sln", null)]
    [InlineData("all:\n\t$(CC) -o calc calc.c\n\tpython3 check.py\n", "pyproject.toml", null)]
    [InlineData("check:\n\tperl run_tests.pl\n", "package.json", null)]
    public void WrappedToolchain_OnlyADriverOfAToolchainPresentHere_MakesAMakefileAConvenience(string makefile, string projectFile, string? expected)
        => Assert.Equal(expected, ConvenienceMakefile.WrappedToolchain(makefile, "", new RepositoryFacts(_folder.Path, ["Makefile", projectFile])));

    [Fact]
    public async Task ValidateAsync_PytestFlakyTest_RerunByNodeIdAndReported()
    {
        _folder.WriteFile("pytest.ini", "[pytest]\n");
        var failing = RecordedOutput.Read("pytest-setup-error.txt");
        var runner = new RecordingCommandRunner(r => !r.Arguments.Contains(PytestValidator.Launcher) ? new CommandResult(0, "", TimeSpan.Zero)
            : r.Arguments.Contains("tests/test_fixture.py::test_uses_db") ? new CommandResult(0, "1 passed in 0.01s", TimeSpan.Zero)
            : new CommandResult(1, failing, TimeSpan.Zero));

        var result = await new PytestValidator().ValidateAsync(new FolderWorkspace(_folder.Path).Context(runner), TestContext.Current.CancellationToken);

        Assert.Equal(ValidationOutcome.Passed, result.Outcome);
        Assert.Contains("flaky", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_MakeWithCheckTarget_BuildsThenRunsCheck()
    {
        _folder.WriteFile("Makefile", "CFLAGS := -O0\n\nall: app\n\ncheck: app\n\t./app --self-test\n\n.PHONY: all check test-data\n");
        var runner = new RecordingCommandRunner();

        await new MakeValidator().ValidateAsync(new FolderWorkspace(_folder.Path).Context(runner), TestContext.Current.CancellationToken);

        Assert.Equal(["-k", "check"], runner.Requests.Where(r => r.FileName == "make").Select(r => string.Join(' ', r.Arguments)));
    }

    [Theory]
    [InlineData("all: app\ntest: app\n\t./app\n", "test")]
    [InlineData("all: app\ncheck test-data: app\n", "check")]
    [InlineData(".PHONY: test\nall: app\nTEST := 1\n", null)]
    public void FindTestTarget_Makefile_TestThenCheck(string makefile, string? expected)
        => Assert.Equal(expected, MakeValidator.FindTestTarget(makefile));

    [Fact]
    public void Create_DisabledToolchain_LeftOut()
    {
        var options = new BuiltInValidatorsOptions();
        options.Gradle.Enabled = false;

        var names = BuiltInValidators.Create(options).Select(v => v.Name).ToList();

        Assert.DoesNotContain("gradle", names);
        Assert.Contains("cmake", names);
        Assert.Contains("pytest", names);
    }

    [Fact]
    public async Task ValidateAsync_Cancelled_ThrowsAndStartsNothing()
    {
        _folder.WriteFile("Cargo.toml", "[package]\nname = \"calc\"\n");
        var runner = new RecordingCommandRunner();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await new CargoValidator().ValidateAsync(new FolderWorkspace(_folder.Path).Context(runner), cancelled.Token));
        Assert.Empty(runner.Requests);
    }

    [Fact]
    public async Task ValidateAsync_HostSetsGoCache_HostCacheKept()
    {
        _folder.WriteFile("go.mod", "module example.com/calc\n");
        var options = new ValidatorOptions();
        options.Environment["GOCACHE"] = "/var/cache/go-build";
        var runner = new RecordingCommandRunner();

        await new GoValidator(options).ValidateAsync(new FolderWorkspace(_folder.Path).Context(runner), TestContext.Current.CancellationToken);

        Assert.All(runner.Requests.Where(r => r.FileName == "go"), r => Assert.Equal("/var/cache/go-build", r.Environment["GOCACHE"]));
    }

    [Fact]
    public void CMakeValidatorOptions_BuildFolderOutsideProject_Refused()
    {
        var options = new CMakeValidatorOptions { BuildDirectory = "../elsewhere" };

        Assert.Throws<ArgumentOutOfRangeException>(() => new CMakeValidator(options));
    }

    private static CommandValidator Create(string name) => name switch
    {
        "cargo" => new CargoValidator(),
        "go" => new GoValidator(),
        "cmake" => new CMakeValidator(),
        "make" => new MakeValidator(),
        "pytest" => new PytestValidator(),
        "maven" => new MavenValidator(),
        "gradle" => new GradleValidator(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private void WriteProjectFiles()
    {
        foreach (var file in new[] { "Cargo.toml", "go.mod", "CMakeLists.txt", "pom.xml", "build.gradle", "GNUmakefile" })
        {
            _folder.WriteFile(file, "");
        }

        _folder.WriteFile("tests/test_x.py", "");
    }
}
