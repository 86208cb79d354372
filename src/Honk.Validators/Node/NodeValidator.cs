using System.Text.Json;

namespace Honk.Validators;

/// <summary>
/// Validates Node packages (a <c>package.json</c>) with npm, yarn or pnpm, chosen by the lockfile: the <c>build</c>
/// script (when present and enabled), the <c>test</c> script, then the <c>lint</c> script, in the package(s) owning the
/// changed files or the repository's top package. The output is read by the node:test (TAP and spec), jest, vitest,
/// mocha, ava, tape, tsc and eslint parsers. Dependencies are installed only when <c>node_modules</c> is missing and
/// the network opt-in is on.
/// </summary>
public sealed class NodeValidator : CommandValidator
{
    /// <summary>The validator's name.</summary>
    public const string ValidatorName = "npm";

    private const string NoTestPlaceholder = "no test specified";

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
        new TapOutputParser(), new NodeTestSpecParser(), new JestOutputParser(), new VitestOutputParser(),
        new MochaOutputParser(), new AvaOutputParser(), new TscOutputParser(), new EslintOutputParser());

    private NodeValidatorOptions NodeOptions => (NodeValidatorOptions)Options;

    /// <inheritdoc />
    protected override bool AppliesToCore(RepositoryFacts facts) => facts.FilesNamed("package.json").Count > 0;

    /// <inheritdoc />
    protected override ValueTask<ValidationPlan> PlanAsync(ValidationContext context, RepositoryFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var steps = new List<ValidationStep>();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["NO_COLOR"] = "1",
            ["FORCE_COLOR"] = "0",
            ["npm_config_update_notifier"] = "false",
            ["npm_config_fund"] = "false",
            ["npm_config_audit"] = "false",
        };
        foreach (var folder in PackageFolders(facts))
        {
            var manifest = ReadManifest(Path.Combine(facts.RootPath, folder, "package.json"));
            if (manifest is null)
            {
                return ValueTask.FromResult(ValidationPlan.Fail($"npm: {Join(folder, "package.json")} is not valid JSON."));
            }

            var manager = NodePackageManager.Detect(facts, folder);
            var workingDirectory = folder.Length == 0 ? null : folder;
            if (manifest.HasDependencies && !Directory.Exists(Path.Combine(facts.RootPath, folder, "node_modules")))
            {
                if (!Options.AllowNetwork)
                {
                    return ValueTask.FromResult(ValidationPlan.Fail(
                        $"npm: dependencies of {Join(folder, "package.json")} are not installed (no node_modules) and this validator may not use the network. "
                        + "Install them before the session, or set NodeValidatorOptions.AllowNetwork."));
                }

                // With the network on, the install sees only the manifests, and no lifecycle script runs.
                steps.Add(new ValidationStep("install", Request(manager, manager.Install(), workingDirectory, environment) with { AllowNetwork = true, ManifestView = ManifestView.NodeInstall }, Parser));
            }

            var scripts = new List<(string Name, bool Continue, bool Tests)>();
            if (NodeOptions.RunBuild && manifest.Scripts.Contains("build"))
            {
                scripts.Add(("build", false, false));
            }

            scripts.AddRange(NodeOptions.ExtraScripts.Where(manifest.Scripts.Contains).Select(s => (s, true, false)));
            if (NodeOptions.RunTests && manifest.Scripts.Contains("test") && !manifest.HasPlaceholderTest)
            {
                scripts.Add(("test", true, true));
            }

            if (NodeOptions.RunLint && manifest.Scripts.Contains("lint"))
            {
                scripts.Add(("lint", true, false));
            }

            foreach (var (script, continueOnFailure, tests) in scripts)
            {
                var name = folder.Length == 0 ? script : $"{script} ({folder})";
                steps.Add(new ValidationStep(name, Request(manager, manager.RunScript(script), workingDirectory, environment), Parser)
                {
                    ContinueOnFailure = continueOnFailure,
                    RunsTests = tests,
                });
            }
        }

        return ValueTask.FromResult(steps.Count == 0
            ? ValidationPlan.Skip("npm: package.json has no test, build or lint script to run")
            : ValidationPlan.Run(steps));
    }

    private static CommandRequest Request(NodePackageManager manager, IReadOnlyList<string> arguments, string? workingDirectory, Dictionary<string, string> environment)
        => new(manager.Name, arguments) { WorkingDirectory = workingDirectory, Environment = environment };

    private static IEnumerable<string> PackageFolders(RepositoryFacts facts)
    {
        static string FolderOf(string manifest) => manifest.Contains('/', StringComparison.Ordinal) ? manifest[..manifest.LastIndexOf('/')] : "";
        static bool IsManifest(string path) => path == "package.json" || path.EndsWith("/package.json", StringComparison.Ordinal);

        var owners = facts.ProjectsOwningChanges(IsManifest, out _);
        if (owners.Count > 0)
        {
            return owners.Select(FolderOf);
        }

        // Without changes (the baseline) or with changes outside any package: the top-most package(s).
        var manifests = facts.FilesNamed("package.json");
        var depth = manifests.Min(m => m.Count(c => c == '/'));
        return manifests.Where(m => m.Count(c => c == '/') == depth).Select(FolderOf);
    }

    private static string Join(string folder, string file) => folder.Length == 0 ? file : $"{folder}/{file}";

    private static NodeManifest? ReadManifest(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            var scripts = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("scripts", out var section) && section.ValueKind == JsonValueKind.Object)
            {
                foreach (var script in section.EnumerateObject().Where(s => s.Value.ValueKind == JsonValueKind.String))
                {
                    scripts[script.Name] = script.Value.GetString()!;
                }
            }

            var hasDependencies = new[] { "dependencies", "devDependencies", "optionalDependencies" }
                .Any(name => root.TryGetProperty(name, out var deps) && deps.ValueKind == JsonValueKind.Object && deps.EnumerateObject().Any());
            var placeholder = scripts.TryGetValue("test", out var test) && test.Contains(NoTestPlaceholder, StringComparison.OrdinalIgnoreCase);
            return new NodeManifest(scripts.Keys.ToHashSet(StringComparer.Ordinal), hasDependencies, placeholder);
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            return null;
        }
    }

    private sealed record NodeManifest(IReadOnlySet<string> Scripts, bool HasDependencies, bool HasPlaceholderTest);
}
