using System.Text.RegularExpressions;

namespace Honk.Validators.Toolchains;

/// <summary>
/// Validates projects built by a plain <c>Makefile</c> (one without a <c>CMakeLists.txt</c> beside it): runs
/// <c>make -k</c> (every broken file reported, not just the first), then <c>make test</c> or <c>make check</c> when the
/// Makefile declares such a target. Reports gcc/clang and linker errors, GoogleTest failures, and otherwise the tail of
/// the test target's output. A test target that runs no recipe at all (make: "Nothing to be done for 'test'", or
/// "'test' is up to date" because a <c>test/</c> folder shadows a target not declared <c>.PHONY</c>) ran no tests;
/// what a recipe that does run prints is the Makefile's own, so a recipe that tests nothing passes on its exit code.
/// </summary>
public sealed partial class MakeValidator : ToolchainValidator
{
    private static readonly string[] MakefileNames = ["GNUmakefile", "makefile", "Makefile"];
    private static readonly string[] DocumentationFolders = ["doc", "docs", "documentation", "man"];

    /// <summary>Creates the validator.</summary>
    /// <param name="options">Its options; the defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    public MakeValidator(ValidatorOptions? options = null, TimeProvider? timeProvider = null)
        : base(options ?? new ValidatorOptions(), timeProvider)
    {
    }

    /// <inheritdoc />
    public override string Name => "make";

    /// <inheritdoc />
    protected override IReadOnlyList<string> ProjectFileNames => MakefileNames;

    /// <inheritdoc />
    protected override string Program => "make";

    /// <inheritdoc />
    protected override bool AppliesToCore(RepositoryFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);

        // A CMake project's Makefiles are generated; the cmake validator owns it.
        return !facts.HasFile("CMakeLists.txt") && base.AppliesToCore(facts);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Left out: a documentation folder's Makefile (Sphinx's <c>docs/Makefile</c> in a Python project builds docs with
    /// tools a repository's test CI does not install), and a convenience Makefile that only drives a toolchain another
    /// validator runs itself (<c>dotnet test</c>, <c>python -m pytest</c> …; see <see cref="ConvenienceMakefile"/>): the
    /// dedicated validator wins, so the checks run once, offline and parsed. A Makefile nested below a left-out one
    /// is left out with it.
    /// </remarks>
    protected override IReadOnlyList<string> FindProjectFoldersCore(RepositoryFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var makefiles = MakefileNames.SelectMany(facts.FilesNamed)
            .Where(f => !f.StartsWith(ScratchFolder + "/", StringComparison.Ordinal))
            .Where(f => !DocumentationFolders.Contains(FolderOf(f)[(FolderOf(f).LastIndexOf('/') + 1)..], StringComparer.OrdinalIgnoreCase))
            .ToList();
        var folders = makefiles.Select(FolderOf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var outermost = folders.Where(f => !folders.Any(outer => outer != f && (outer.Length == 0 || f.StartsWith(outer + "/", StringComparison.Ordinal))));

        // A convenience Makefile's nested Makefiles go with it (psf/requests' tests/certs/*/Makefile make certificates
        // with openssl; the repository's CI tests through the wrapper's toolchain, not through them).
        return [.. outermost.Where(folder => !makefiles.Where(m => FolderOf(m) == folder).Any(m => IsConvenience(m, facts)))];
    }

    private static bool IsConvenience(string makefile, RepositoryFacts facts)
    {
        try
        {
            return ConvenienceMakefile.WrappedToolchain(File.ReadAllText(Path.Combine(facts.RootPath, makefile)), FolderOf(makefile), facts) is not null;
        }
        catch (IOException)
        {
            // Unreadable here: let the validator run it and report what make says.
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    protected override async ValueTask<IReadOnlyList<ValidationStep>> PlanProjectAsync(ValidationContext context, ToolchainProject project, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        var (folder, nameWithFolder) = (project.Folder, project.NameWithFolder);
        ArgumentNullException.ThrowIfNull(context);
        var workingDirectory = WorkingDirectoryOf(folder);
        var build = new ValidationStep(StepName("build", folder, nameWithFolder), new CommandRequest("make", ["-k"]) { WorkingDirectory = workingDirectory }, InFolder(new GccOutputParser(), folder));
        var makefile = MakefileNames.Select(n => Path.Combine(context.Workspace.RootPath, folder, n)).FirstOrDefault(File.Exists);
        var text = makefile is null ? null : await File.ReadAllTextAsync(makefile, cancellationToken).ConfigureAwait(false);
        var target = text is null ? null : FindTestTarget(text);
        if (target is null)
        {
            return [build];
        }

        var test = new ValidationStep(
            StepName(target, folder, nameWithFolder),
            new CommandRequest("make", [target]) { WorkingDirectory = workingDirectory },
            InFolder(new CompositeOutputParser(new GccOutputParser(), new GoogleTestOutputParser()), folder))
        {
            // make's "Nothing to be done for 'test'" is then "no tests ran" (ZeroTests), not a pass.
            RunsTests = true,
        };

        // A Makefile whose default goal is its test target (zserge/jsmn: "test:" comes first) runs the tests on a plain
        // `make`: a build step would run them too, and their failure would read "build failed; the tests did not run".
        return FindDefaultGoal(text!) == target ? [test] : [build, test];
    }

    /// <summary>
    /// The goal a plain <c>make</c> builds: <c>.DEFAULT_GOAL</c> when set, else the first target of the first rule that is
    /// neither a special target (<c>.PHONY</c>, <c>.SUFFIXES</c> …) nor a pattern rule; <see langword="null"/> when none.
    /// </summary>
    /// <param name="makefile">The Makefile's text.</param>
    /// <returns>The goal.</returns>
    internal static string? FindDefaultGoal(string makefile)
    {
        if (DefaultGoalVariable().Match(makefile) is { Success: true } set)
        {
            return set.Groups["goal"].Value;
        }

        // Any rule counts here, "$(LIB):" too (it is the goal then, whatever it expands to).
        return RuleLine().Matches(makefile)
            .Select(m => m.Groups["names"].Value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault())
            .FirstOrDefault(name => name is not null && (!name.StartsWith('.') || name.Contains('/', StringComparison.Ordinal)) && !name.Contains('%', StringComparison.Ordinal));
    }

    /// <summary>The Makefile's test target: <c>test</c>, else <c>check</c>; <see langword="null"/> when it has neither.</summary>
    /// <param name="makefile">The Makefile's text.</param>
    /// <returns>The target.</returns>
    internal static string? FindTestTarget(string makefile)
    {
        var targets = Target().Matches(makefile).SelectMany(m => m.Groups["names"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);
        return targets.Contains("test") ? "test" : targets.Contains("check") ? "check" : null;
    }

    // .DEFAULT_GOAL := test
    [GeneratedRegex(@"^\.DEFAULT_GOAL\s*[:?]?=\s*(?<goal>[\w.\-]+)", RegexOptions.Multiline)]
    private static partial Regex DefaultGoalVariable();

    // Any rule's line: "app: main.o", "$(LIB): $(OBJ)", "%.o: %.c", ".PHONY: test"; not "X := y" nor a recipe's line.
    [GeneratedRegex(@"^(?<names>[^\t#:=\s][^:=\n]*?)\s*::?(?!=)", RegexOptions.Multiline)]
    private static partial Regex RuleLine();

    // "test:", "test check: all", ".PHONY: test" does not count (it only declares), nor "test := x" (a variable).
    [GeneratedRegex(@"^(?!\.PHONY)(?<names>[\w.\- ]+?)\s*::?(?!=)", RegexOptions.Multiline)]
    private static partial Regex Target();
}
