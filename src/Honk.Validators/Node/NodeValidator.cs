using System.Runtime.CompilerServices;

namespace Honk.Validators;

/// <summary>
/// Validates Node packages (a <c>package.json</c>) with npm, yarn or pnpm (the <c>packageManager</c> field, else the
/// lockfile) the way the repository's CI does: dependencies installed from the lockfile when there is one and with a
/// plain install otherwise; then the <c>build</c> script (when present and enabled), the <c>test</c> script and the
/// <c>lint</c> script — or the scripts the repository's <c>honk.json</c> names — in the package(s) owning the changed
/// files or the repository's top package. In a workspace (npm/yarn <c>workspaces</c>, <c>pnpm-workspace.yaml</c>) the
/// root's test script runs when it fans out to the members or when a member has none; otherwise each member's own.
/// </summary>
/// <remarks>
/// The output is read by the node:test (TAP and spec), jest, vitest, mocha, ava, tape, tsc and eslint parsers; failing
/// tests are re-run once, by their files (<see cref="NodeTestRerun"/>), to spot flaky ones. A test
/// script that passes after running 0 tests where the package has test files is a "no tests ran" failure. An install is
/// trusted only when it finished (see <see cref="NodeInstallState"/>); it needs the network opt-in.
/// </remarks>
public sealed partial class NodeValidator : CommandValidator
{
    /// <summary>The validator's name.</summary>
    public const string ValidatorName = "npm";

    private readonly ConditionalWeakTable<ValidationStep, NodeInstallState> _installs = [];
    private readonly ConditionalWeakTable<ValidationStep, TestStepFacts> _testSteps = [];

    /// <summary>Creates the validator.</summary>
    /// <param name="options">Its options; the defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    public NodeValidator(NodeValidatorOptions? options = null, TimeProvider? timeProvider = null)
        : base(options ?? new NodeValidatorOptions(), timeProvider)
    {
    }

    /// <inheritdoc />
    public override string Name => ValidatorName;

    /// <summary>The parser of every script's output: all the Node formats Honk knows.</summary>
    public static OutputParser Parser { get; } = new CompositeOutputParser(
        new PackageRegistryErrorParser(), new TapOutputParser(), new NodeTestSpecParser(), new JestOutputParser(), new VitestOutputParser(),
        new MochaOutputParser(), new AvaOutputParser(), new TscOutputParser(), new EslintOutputParser());

    private NodeValidatorOptions NodeOptions => (NodeValidatorOptions)Options;

    /// <inheritdoc />
    protected override bool AppliesToCore(RepositoryFacts facts) => facts.FilesNamed("package.json").Count > 0;

    /// <inheritdoc />
    protected override async ValueTask<ValidationPlan> PlanAsync(ValidationContext context, RepositoryFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var (settings, broken) = await RepositorySettings.LoadForValidationAsync(context, Name, cancellationToken).ConfigureAwait(false);
        return settings is null ? broken! : Plan(facts, settings);
    }

    /// <inheritdoc />
    protected override async ValueTask<ValidationStepResult> InterpretAsync(ValidationStep step, CommandResult result, ValidationContext context, CancellationToken cancellationToken)
    {
        var outcome = await base.InterpretAsync(step, result, context, cancellationToken).ConfigureAwait(false);
        if (!outcome.Passed)
        {
            return outcome;
        }

        if (_installs.TryGetValue(step, out var install))
        {
            install.MarkComplete();
        }

        if (_testSteps.TryGetValue(step, out var tests) && tests.TestFiles.Count > 0 && Parser.CountTestsRun(result.Output) == 0)
        {
            return ValidationStepResult.NoTestsRan(tests.Describe(Describe(step.Request)));
        }

        return outcome;
    }

    /// <inheritdoc />
    protected override async ValueTask<IReadOnlyCollection<string>> RerunTestsAsync(
        ValidationStep step, IReadOnlyList<ValidationFinding> failures, Func<CommandRequest, CancellationToken, Task<CommandResult>> run,
        ValidationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(failures);
        ArgumentNullException.ThrowIfNull(run);
        var result = await run(NodeTestRerun.Request(step.Request, failures), cancellationToken).ConfigureAwait(false);
        return NodeTestRerun.Passed(failures, result, Parser);
    }

    private ValidationPlan Plan(RepositoryFacts facts, RepositorySettings settings)
    {
        var npmSettings = settings.Validators.Npm ?? new NpmSettings();
        var packages = new NodePackages(facts);
        var targets = new List<NodeTarget>();
        foreach (var folder in StartingFolders(facts))
        {
            if (packages.Manifest(folder) is null)
            {
                return ValidationPlan.Fail($"npm: {NodeWorkspaces.Join(folder, "package.json")} is not valid JSON.");
            }

            targets.AddRange(packages.Resolve(folder).Where(t => !targets.Contains(t)));
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["NO_COLOR"] = "1",
            ["FORCE_COLOR"] = "0",
            ["npm_config_update_notifier"] = "false",
            ["npm_config_fund"] = "false",
            ["npm_config_audit"] = "false",
        };
        var steps = new List<ValidationStep>();
        var installed = new HashSet<string>(StringComparer.Ordinal);
        var managers = new List<string>();
        foreach (var target in targets)
        {
            var manager = NodePackageManager.Detect(facts, target.InstallRoot, packages.Manifest(target.InstallRoot)?.PackageManager);
            if (!managers.Contains(manager.Name))
            {
                managers.Add(manager.Name);
            }

            var variables = manager.Berry ? WithBerry(environment, facts.RootPath, target.InstallRoot) : environment;
            if (installed.Add(target.InstallRoot))
            {
                var install = InstallStep(facts, packages, target.InstallRoot, manager, variables, out var failure);
                if (failure is not null)
                {
                    return failure;
                }

                if (install is not null)
                {
                    steps.Add(install);
                }
            }

            steps.AddRange(ScriptSteps(facts, packages.Manifest(target.Folder)!, target.Folder, manager, npmSettings, variables));
        }

        if (steps.Count(s => !_installs.TryGetValue(s, out _)) == 0)
        {
            var chosen = npmSettings.Scripts is { } scripts ? string.Join(", ", scripts) : "build, test or lint";
            return ValidationPlan.Skip($"npm: no package runs any of the scripts {chosen} (looked in {string.Join(", ", targets.Select(t => NodeWorkspaces.Join(t.Folder, "package.json")))})");
        }

        // The summary names the package manager that ran (pnpm: …, yarn: …); the report stays "npm".
        return ValidationPlan.Run(steps) with { Label = managers is ["npm"] ? null : string.Join('/', managers) };
    }

    private ValidationStep? InstallStep(
        RepositoryFacts facts, NodePackages packages, string root, NodePackageManager manager, Dictionary<string, string> environment, out ValidationPlan? failure)
    {
        failure = null;
        var folders = packages.WorkspaceOf(root)?.Members.Prepend(root) ?? [root];
        var manifests = folders.Select(f => (Folder: f, Manifest: packages.Manifest(f))).ToList();
        if (!manifests.Any(m => m.Manifest?.HasDependencies == true))
        {
            return null;
        }

        var lockfile = NodeWorkspaces.Join(root, manager.Lockfile);
        var hasLockfile = facts.HasFile(lockfile);
        var inputs = manifests.Select(m => Path.Combine(facts.RootPath, m.Folder, "package.json")).Append(Path.Combine(facts.RootPath, lockfile));
        var state = new NodeInstallState(facts.RootPath, root, inputs);
        if (state.IsComplete())
        {
            return null;
        }

        var manifest = NodeWorkspaces.Join(root, "package.json");
        if (!Options.AllowNetwork)
        {
            failure = ValidationPlan.Fail(
                $"npm: dependencies of {manifest} are not installed ({state.DescribeIncomplete()}) and this validator may not use the network. "
                + "Install them before the session, or set NodeValidatorOptions.AllowNetwork.");
            return null;
        }

        state.Clear();
        var step = new ValidationStep(root.Length == 0 ? "install" : $"install ({root})",
            Request(manager, manager.Install(hasLockfile), root, environment) with
            {
                AllowNetwork = true,
                ManifestView = manager.Berry ? YarnBerry.InstallView(facts.RootPath, root) : ManifestView.NodeInstall,
            },
            Parser);
        _installs.AddOrUpdate(step, state);
        return step;
    }

    private IEnumerable<ValidationStep> ScriptSteps(
        RepositoryFacts facts, NodeManifest manifest, string folder, NodePackageManager manager, NpmSettings settings, Dictionary<string, string> environment)
    {
        var skipped = settings.SkipScripts.ToHashSet(StringComparer.Ordinal);
        foreach (var script in ChosenScripts(settings).Where(s => !skipped.Contains(s) && manifest.HasRealScript(s)))
        {
            var tests = script == "test" || (settings.Scripts is not null && script.Contains("test", StringComparison.OrdinalIgnoreCase));
            var continueOnFailure = script != "build";
            var hooks = Hooks(manifest, script, manager, settings, skipped);
            foreach (var hook in hooks.Before)
            {
                yield return Step(hook, folder, manager.RunScript(hook), continueOnFailure: true, tests: false);
            }

            var step = Step(script, folder, manager.RunScript(script, hooks.SkipImplicit), continueOnFailure, tests);
            if (tests)
            {
                _testSteps.AddOrUpdate(step, new TestStepFacts(folder, TestFiles(facts, folder)));
            }

            yield return step;
            foreach (var hook in hooks.After)
            {
                yield return Step(hook, folder, manager.RunScript(hook), continueOnFailure: true, tests: false);
            }
        }

        ValidationStep Step(string script, string folder, IReadOnlyList<string> arguments, bool continueOnFailure, bool tests)
            => new(folder.Length == 0 ? script : $"{script} ({folder})", Request(manager, arguments, folder, environment), Parser)
            {
                ContinueOnFailure = continueOnFailure,
                RunsTests = tests,
            };
    }

    private List<string> ChosenScripts(NpmSettings settings)
    {
        if (settings.Scripts is { } chosen)
        {
            return [.. chosen];
        }

        var scripts = new List<string>();
        if (NodeOptions.RunBuild)
        {
            scripts.Add("build");
        }

        scripts.AddRange(NodeOptions.ExtraScripts);
        if (NodeOptions.RunTests)
        {
            scripts.Add("test");
        }

        if (NodeOptions.RunLint)
        {
            scripts.Add("lint");
        }

        return scripts;
    }

    /// <summary>
    /// The pre/post hooks of a script. When all of them may run they stay implicit (the manager runs them); when one
    /// must not (it audits or uploads, needing the network, or the settings skip hooks or name it), npm runs the script
    /// with <c>--ignore-scripts</c> and the hooks that may run become steps of their own.
    /// </summary>
    private static (IReadOnlyList<string> Before, IReadOnlyList<string> After, bool SkipImplicit) Hooks(
        NodeManifest manifest, string script, NodePackageManager manager, NpmSettings settings, HashSet<string> skipped)
    {
        var hooks = new[] { "pre" + script, "post" + script }.Where(manifest.HasRealScript).ToList();
        bool Allowed(string hook) => settings.SkipHooks != true && !skipped.Contains(hook) && !NetworkHook().IsMatch(manifest.Scripts[hook]);
        if (hooks.All(Allowed) || manager.Name != "npm")
        {
            return ([], [], settings.SkipHooks == true);
        }

        return ([.. hooks.Where(h => h.StartsWith("pre", StringComparison.Ordinal) && Allowed(h))],
            [.. hooks.Where(h => h.StartsWith("post", StringComparison.Ordinal) && Allowed(h))], true);
    }

    private static Dictionary<string, string> WithBerry(Dictionary<string, string> environment, string repositoryRoot, string installRoot)
    {
        var variables = new Dictionary<string, string>(environment, StringComparer.Ordinal);
        foreach (var (name, value) in YarnBerry.Environment(repositoryRoot, installRoot))
        {
            variables[name] = value;
        }

        return variables;
    }

    private static CommandRequest Request(NodePackageManager manager, IReadOnlyList<string> arguments, string folder, Dictionary<string, string> environment)
        => new(manager.Name, arguments) { WorkingDirectory = folder.Length == 0 ? null : folder, Environment = environment };

    private static IEnumerable<string> StartingFolders(RepositoryFacts facts)
    {
        static bool IsManifest(string path) => path == "package.json" || path.EndsWith("/package.json", StringComparison.Ordinal);

        var owners = facts.ProjectsOwningChanges(IsManifest, out _);
        if (owners.Count > 0)
        {
            return owners.Select(NodeWorkspaces.FolderOf);
        }

        // Without changes (the baseline) or with changes outside any package: the top-most package(s).
        var manifests = facts.FilesNamed("package.json");
        var depth = manifests.Min(m => m.Count(c => c == '/'));
        return manifests.Where(m => m.Count(c => c == '/') == depth).Select(NodeWorkspaces.FolderOf);
    }

    private static List<string> TestFiles(RepositoryFacts facts, string folder)
    {
        var prefix = folder.Length == 0 ? "" : folder + "/";
        return [.. facts.Files.Select(f => f.Replace('\\', '/')).Where(f => f.StartsWith(prefix, StringComparison.Ordinal) && TestFile().IsMatch(f[prefix.Length..]))];
    }

    // Scripts that audit dependencies or upload reports: they need the network, which validation does not have.
    [System.Text.RegularExpressions.GeneratedRegex(@"\baudit\b|\baud\b|\bcodecov\b|\bcoveralls\b|\bsnyk\b|\bnsp\b")]
    private static partial System.Text.RegularExpressions.Regex NetworkHook();

    [System.Text.RegularExpressions.GeneratedRegex(@"(^|/)(test|tests|__tests__|spec)/.+\.[cm]?[jt]sx?$|\.(test|spec)\.[cm]?[jt]sx?$")]
    private static partial System.Text.RegularExpressions.Regex TestFile();

    /// <summary>What a test step needs to tell "no tests ran" from "there are no tests".</summary>
    private sealed record TestStepFacts(string Folder, IReadOnlyList<string> TestFiles)
    {
        public string Describe(string command)
        {
            var where = Folder.Length == 0 ? "the repository root" : Folder;
            var examples = string.Join(", ", TestFiles.Take(3)) + (TestFiles.Count > 3 ? $" and {TestFiles.Count - 3} more" : "");
            return $"`{command}` in {where} passed but its runner reported 0 tests, while {TestFiles.Count} test file(s) are there ({examples}). "
                + "Looked for files named *.test.* or *.spec.* or under test/, tests/, __tests__/ or spec/; check the test script's file pattern.";
        }
    }
}
