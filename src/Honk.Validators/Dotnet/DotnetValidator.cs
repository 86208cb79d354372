using System.Text;
using System.Text.Json;

namespace Honk.Validators;

/// <summary>
/// Validates .NET repositories (any <c>.sln</c>, <c>.slnx</c>, <c>.csproj</c>, <c>.fsproj</c> or <c>.vbproj</c>):
/// <c>dotnet build</c>, then <c>dotnet test --no-build</c> with a TRX logger, of the projects that own the changed
/// files (and the projects depending on them) or of the whole solution. Build outputs are reused between rounds (no
/// clean); a restore runs only when <c>obj/project.assets.json</c> is missing or stale, and needs the network opt-in
/// when it is missing.
/// </summary>
public sealed class DotnetValidator : CommandValidator
{
    /// <summary>The validator's name.</summary>
    public const string ValidatorName = "dotnet";

    private const string ResultsPrefix = ".honk-test-results-";
    private static readonly MsBuildOutputParser BuildParser = new();
    private static readonly CompositeOutputParser TestParser = new(new DotnetTestConsoleParser(), new MsBuildOutputParser());
    private readonly DotnetProjectEvaluator _evaluator = new();

    /// <summary>Creates the validator.</summary>
    /// <param name="options">Its options; the defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    public DotnetValidator(DotnetValidatorOptions? options = null, TimeProvider? timeProvider = null)
        : base(options ?? new DotnetValidatorOptions(), timeProvider)
    {
    }

    /// <inheritdoc />
    public override string Name => ValidatorName;

    /// <summary>How many times this validator asked MSBuild which projects are test projects (answers are cached).</summary>
    internal int ProjectEvaluations => _evaluator.Evaluations;

    private DotnetValidatorOptions DotnetOptions => (DotnetValidatorOptions)Options;

    /// <inheritdoc />
    protected override bool AppliesToCore(RepositoryFacts facts)
        => facts.Files.Any(f => DotnetProjectGraph.IsProjectFile(f) || DotnetProjectGraph.IsSolutionFile(f));

    /// <inheritdoc />
    protected override async ValueTask<ValidationPlan> PlanAsync(ValidationContext context, RepositoryFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(facts);
        var root = facts.RootPath;
        RemoveStaleResults(root);
        var (loaded, broken) = await RepositorySettings.LoadForValidationAsync(context, Name, cancellationToken).ConfigureAwait(false);
        if (loaded is not { } settings)
        {
            return broken!;
        }

        DotnetSolution? solution;
        try
        {
            solution = DotnetSolution.Choose(facts, settings.Validators.Dotnet?.Solution);
        }
        catch (RepositorySettingsException ex)
        {
            return ValidationPlan.Fail($"{Name}: {ex.Message}");
        }

        var graph = DotnetProjectGraph.Load(facts);
        var counted = DotnetScope.CountedProjects(graph, solution);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Options.Environment.ContainsKey("NUGET_PACKAGES") && PackageFolder(root, counted) is { } packages)
        {
            // The sandbox has its own HOME: point NuGet at the folder the restore used, or nothing resolves.
            environment["NUGET_PACKAGES"] = packages;
        }

        var evaluationEnvironment = new Dictionary<string, string>(Options.Environment, StringComparer.Ordinal);
        foreach (var (key, value) in environment)
        {
            evaluationEnvironment[key] = value;
        }

        // Which projects are built does not depend on which are tests, so a missing restore is reported before MSBuild runs.
        var scope = DotnetScope.For(facts, DotnetOptions, graph, solution);
        if (scope.BuildTargets.Count == 0)
        {
            return ValidationPlan.Skip("dotnet: no buildable project found");
        }

        var missing = scope.Projects.Where(p => !File.Exists(AssetsFile(root, p))).ToList();
        var stale = scope.Projects.Except(missing).Where(p => File.GetLastWriteTimeUtc(Path.Combine(root, p)) > File.GetLastWriteTimeUtc(AssetsFile(root, p))).ToList();
        if (missing.Count > 0 && !Options.AllowNetwork)
        {
            return ValidationPlan.Fail(
                $"dotnet: packages are not restored for {string.Join(", ", missing.Take(5))} (obj/project.assets.json is missing) and this validator may not use the network. "
                + "Restore before the session, or set DotnetValidatorOptions.AllowNetwork (with a writable NUGET_PACKAGES folder) to let it restore.");
        }

        if (DotnetOptions.RunTests
            && await _evaluator.FindTestProjectsAsync(context, facts, counted, evaluationEnvironment, cancellationToken).ConfigureAwait(false) is { } evaluated)
        {
            graph.UseEvaluatedTests(evaluated);
            scope = DotnetScope.For(facts, DotnetOptions, graph, solution);
        }

        var steps = new List<ValidationStep>();
        if (missing.Count > 0 || stale.Count > 0)
        {
            foreach (var target in scope.BuildTargets)
            {
                // With the network on, the restore sees only the manifests and writes the sandbox's session cache
                // (not the folder an earlier restore used, which the sandbox shows read-only).
                var restore = Dotnet(["restore", target, "-nologo", "-v:q", "-tl:off"], new Dictionary<string, string>(StringComparer.Ordinal));
                steps.Add(new ValidationStep("restore", restore with { AllowNetwork = true, ManifestView = ManifestView.DotnetRestore }, BuildParser));
            }
        }

        foreach (var target in scope.BuildTargets)
        {
            List<string> build = ["build", target, "--no-restore", "-nologo", "-v:q", "-clp:NoSummary", "-tl:off", "-nodeReuse:false",
                "-p:UseSharedCompilation=false", "-p:GenerateFullPaths=true", .. Configuration(), .. DotnetOptions.BuildArguments];
            steps.Add(new ValidationStep("build", Dotnet(build, environment), BuildParser));
        }

        if (DotnetOptions.RunTests)
        {
            foreach (var target in scope.TestTargets)
            {
                var arguments = TestingPlatformMode.IsOn(root)
                    ? TestingPlatformMode.TestArguments(target, Configuration(), NewResultsFolder(root))
                    : TestArguments(target, NewResultsFolder(root), null);
                steps.Add(new ValidationStep("test", Dotnet(arguments, environment), TestParser)
                {
                    RunsTests = true,
                    ContinueOnFailure = true,
                });
            }
        }

        return ValidationPlan.Run(steps);
    }

    /// <inheritdoc />
    protected override async ValueTask<ValidationStepResult> InterpretAsync(ValidationStep step, CommandResult result, ValidationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(context);
        if (!step.RunsTests)
        {
            var outcome = await base.InterpretAsync(step, result, context, cancellationToken).ConfigureAwait(false);
            return outcome.Passed || outcome.Kind != ValidationFailureKind.Checks
                ? outcome
                : ValidationStepResult.Failure(Toolchains.RepositoryRelativeMessages.Apply(outcome.Findings, context.Workspace.RootPath));
        }

        var trx = ReadResults(step.Request, context.Workspace.RootPath);
        if (result.ExitCode == 0 && !result.TimedOut)
        {
            if (trx.Total > 0)
            {
                return ValidationStepResult.Success($"{trx.Passed.Count} passed");
            }

            // Zero tests from a repository that has test projects is not a pass: the check did not happen.
            return TestParser.DescribeSuccess(result.Output) is { } described
                ? ValidationStepResult.Success(described)
                : ValidationStepResult.NoTestsRan(
                    $"`{Describe(step.Request)}` passed without running any test, although {TestingPlatformMode.TargetOf(step.Request.Arguments)} holds test projects "
                    + "(found by IsTestProject, the TestContainer capability or a test framework package). Check the test projects' TargetFramework and test adapter.");
        }

        return ValidationStepResult.Failure(Toolchains.RepositoryRelativeMessages.Apply(trx.Failures.Count > 0 ? trx.Failures : TestParser.Parse(result.Output), context.Workspace.RootPath));
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
        ArgumentNullException.ThrowIfNull(context);
        var root = context.Workspace.RootPath;
        if (TestingPlatformMode.IsOn(root))
        {
            // The platform's filter switch is the test framework's own (MSTest's --filter, xunit.v3's --filter-method):
            // no single re-run command fits, so failures stay failures.
            return [];
        }

        var filter = string.Join('|', testNames.Select(n => "FullyQualifiedName=" + EscapeFilter(n)));
        var request = step.Request with { Arguments = TestArguments(step.Request.Arguments[1], NewResultsFolder(root), filter) };
        await run(request, cancellationToken).ConfigureAwait(false);

        // A theory's rows share one name (arguments are stripped): if any row still failed, the test is not flaky.
        var rerun = ReadResults(request, root);
        var stillFailing = rerun.Failures.Select(f => f.TestName).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return [.. rerun.Passed.Where(name => !stillFailing.Contains(name))];
    }

    private static CommandRequest Dotnet(List<string> arguments, Dictionary<string, string> environment)
        => new("dotnet", arguments) { Environment = environment };

    private List<string> TestArguments(string target, string resultsFolder, string? filter)
    {
        List<string> arguments = ["test", target, "--no-build", "--no-restore", "-nologo", "-v:q", "-tl:off", .. Configuration(),
            "--logger", "trx", "--results-directory", resultsFolder];
        if (filter is not null)
        {
            arguments.AddRange(["--filter", filter]);
        }

        return arguments;
    }

    private IEnumerable<string> Configuration()
        => DotnetOptions.Configuration is { Length: > 0 } configuration ? ["-c", configuration] : [];

    private static TrxReader.TrxResults ReadResults(CommandRequest request, string root)
    {
        var index = request.Arguments.ToList().IndexOf("--results-directory");
        var folder = index >= 0 && index + 1 < request.Arguments.Count ? request.Arguments[index + 1] : null;
        if (folder is null)
        {
            return new TrxReader.TrxResults([], [], 0);
        }

        try
        {
            return TrxReader.ReadFolder(folder, root);
        }
        catch (System.Xml.XmlException)
        {
            return new TrxReader.TrxResults([], [], 0);
        }
        finally
        {
            TryDelete(folder);
        }
    }

    private static string NewResultsFolder(string root) => Path.Combine(root, ResultsPrefix + Guid.NewGuid().ToString("N")[..12]);

    private static void RemoveStaleResults(string root)
    {
        foreach (var folder in Directory.EnumerateDirectories(root, ResultsPrefix + "*"))
        {
            TryDelete(folder);
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover results folder is removed at the next validation.
        }
    }

    private static string AssetsFile(string root, string project)
        => Path.Combine(root, Path.GetDirectoryName(project) ?? "", "obj", "project.assets.json");

    private static string? PackageFolder(string root, IReadOnlyList<string> projects)
    {
        foreach (var project in projects)
        {
            var assets = AssetsFile(root, project);
            if (!File.Exists(assets))
            {
                continue;
            }

            try
            {
                using var stream = File.OpenRead(assets);
                using var document = JsonDocument.Parse(stream);
                if (document.RootElement.TryGetProperty("packageFolders", out var folders) && folders.ValueKind == JsonValueKind.Object)
                {
                    foreach (var folder in folders.EnumerateObject())
                    {
                        return folder.Name;
                    }
                }
            }
            catch (Exception ex) when (ex is JsonException or IOException)
            {
                // Another project's assets file may still name the folder.
            }
        }

        return null;
    }

    private static string EscapeFilter(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (c is '\\' or '(' or ')' or '&' or '|' or '=' or '!' or '~')
            {
                text.Append('\\');
            }

            text.Append(c);
        }

        return text.ToString();
    }
}
