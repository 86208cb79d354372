using System.Globalization;

namespace Honk.Validators;

/// <summary>
/// Base of validators that run the repository's own tools: it decides applicability from
/// <see cref="RepositoryFacts"/>, runs the planned <see cref="ValidationStep"/>s through the session's sandbox
/// (<see cref="ValidationContext.CommandRunner"/>) within one time limit, re-runs failing tests once to tell flaky ones
/// apart, makes paths relative to the repository and renders the concise summary with <see cref="SummaryBuilder"/>.
/// </summary>
/// <remarks>
/// Derived classes implement <see cref="AppliesToCore"/> and <see cref="PlanAsync"/>, and may override
/// <see cref="InterpretAsync"/> (to read result files such as TRX) and <see cref="RerunTestsAsync"/>.
/// </remarks>
public abstract class CommandValidator : Validator
{
    /// <summary>Creates the validator.</summary>
    /// <param name="options">Its options; they are checked here.</param>
    /// <param name="timeProvider">The clock for the time limit; the system clock when <see langword="null"/>.</param>
    protected CommandValidator(ValidatorOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        TimeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The validator's options.</summary>
    public ValidatorOptions Options { get; }

    /// <summary>The clock.</summary>
    protected TimeProvider TimeProvider { get; }

    /// <summary>Whether the validator applies to a repository with these contents.</summary>
    /// <param name="facts">What the repository holds.</param>
    /// <returns><see langword="true"/> when the validator should run.</returns>
    public bool AppliesTo(RepositoryFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return AppliesToCore(facts);
    }

    /// <summary>Decides applicability from the repository's contents (e.g. a <c>package.json</c> exists).</summary>
    /// <param name="facts">What the repository holds.</param>
    /// <returns><see langword="true"/> when the validator should run.</returns>
    protected abstract bool AppliesToCore(RepositoryFacts facts);

    /// <summary>Decides what to run for this validation.</summary>
    /// <param name="context">The validation context.</param>
    /// <param name="facts">The repository's contents and the session's changed files.</param>
    /// <param name="cancellationToken">Cancels the planning.</param>
    /// <returns>The plan: steps to run, or a result decided without running anything.</returns>
    protected abstract ValueTask<ValidationPlan> PlanAsync(ValidationContext context, RepositoryFacts facts, CancellationToken cancellationToken);

    /// <summary>
    /// Reads a step's outcome. The default passes on exit code 0 (noting <see cref="OutputParser.DescribeSuccess"/>)
    /// and otherwise parses the output with <see cref="ValidationStep.Parser"/>.
    /// </summary>
    /// <param name="step">The step that ran.</param>
    /// <param name="result">Its command result.</param>
    /// <param name="context">The validation context.</param>
    /// <param name="cancellationToken">Cancels the interpretation.</param>
    /// <returns>The step's result.</returns>
    protected virtual ValueTask<ValidationStepResult> InterpretAsync(ValidationStep step, CommandResult result, ValidationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(result);
        if (result.ExitCode == 0 && !result.TimedOut)
        {
            return ValueTask.FromResult(ValidationStepResult.Success((step.Parser as OutputParser)?.DescribeSuccess(result.Output)));
        }

        return ValueTask.FromResult(ValidationStepResult.Failure(step.Parser.Parse(result.Output)));
    }

    /// <summary>
    /// Re-runs failing tests once — only those, as far as the runner can select them (by name, or by their files) — and
    /// returns the names of those that passed this time (flaky). A name the re-run cannot vouch for (it still failed,
    /// or the re-run's output does not show it ran) is not returned. The default re-runs nothing; validators whose test
    /// runner can select tests override it.
    /// </summary>
    /// <param name="step">The test step that failed.</param>
    /// <param name="failures">
    /// The failing tests, one finding each, as the step's parser read them (each has a <see cref="ValidationFinding.TestName"/>;
    /// its <see cref="ValidationFinding.File"/> is as the runner printed it, relative to the step's folder or absolute).
    /// </param>
    /// <param name="run">Runs a command in the sandbox within the validator's remaining time.</param>
    /// <param name="context">The validation context.</param>
    /// <param name="cancellationToken">Cancels the re-run.</param>
    /// <returns>The names of the tests that passed on the re-run.</returns>
    protected virtual ValueTask<IReadOnlyCollection<string>> RerunTestsAsync(
        ValidationStep step, IReadOnlyList<ValidationFinding> failures, Func<CommandRequest, CancellationToken, Task<CommandResult>> run,
        ValidationContext context, CancellationToken cancellationToken)
        => ValueTask.FromResult<IReadOnlyCollection<string>>([]);

    /// <summary>
    /// How the summary's note starts when a failing step stopped the validation before its test step. The baseline
    /// reads it: a failure the base has too may be tolerated, but tests that did not run cannot vouch for the change.
    /// </summary>
    public const string TestsNotRunNote = "the tests did not run";

    /// <summary>
    /// The code of the finding that names the steps that never started because the time limit was used up: it says
    /// nothing about the code, so the baseline never counts it as the change's failure (see
    /// <see cref="ValidationBaseline.MarkPreExisting(ValidationResult, ValidationResult, BaselineComparison)"/>).
    /// </summary>
    public const string NotStartedCode = "not-started";

    /// <summary>Less time left than this, a step is not started: it would be killed before doing anything.</summary>
    private static readonly TimeSpan MinimumStepTime = TimeSpan.FromSeconds(1);

    /// <summary>How the summary's note on flaky tests starts; the baseline keeps the lines that start so.</summary>
    public const string FlakyNote = "flaky (failed, then passed on re-run)";

    /// <inheritdoc />
    protected override async ValueTask<bool> AppliesToCoreAsync(ValidationContext context, CancellationToken cancellationToken)
    {
        var facts = await RepositoryFacts.ScanAsync(context.Workspace.RootPath, cancellationToken: cancellationToken).ConfigureAwait(false);
        return AppliesTo(facts);
    }

    /// <inheritdoc />
    protected sealed override async ValueTask<ValidationResult> ValidateCoreAsync(ValidationContext context, CancellationToken cancellationToken)
    {
        var runner = context.CommandRunner;
        if (runner is null)
        {
            var message = $"{Name}: cannot run: no command runner is configured. Validators run their commands in the session's sandbox; "
                + "the host must set ValidationContext.CommandRunner.";
            return ValidationResult.Failure(message, [new ValidationFinding(message)]);
        }

        var timeout = await TimeoutAsync(context, cancellationToken).ConfigureAwait(false);
        var deadline = TimeProvider.GetUtcNow() + timeout;
        var facts = await RepositoryFacts.ForContextAsync(context, cancellationToken).ConfigureAwait(false);
        var plan = await PlanAsync(context, facts, cancellationToken).ConfigureAwait(false);
        if (plan.Result is not null)
        {
            return plan.Result;
        }

        var notes = new List<string>();
        var flaky = new FlakyTests(context, Options);
        var findings = new List<ValidationFinding>();
        var failedSteps = new List<string>();
        var kind = ValidationFailureKind.Checks;
        var notStarted = new List<string>();

        // The checks may write into the tracked tree (generated docs, test programs built beside their sources); what
        // they wrote is put back afterwards, so it never joins the session's diff.
        var snapshot = await WorkTreeSnapshot.TakeAsync(context.Workspace.RootPath, cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var step in plan.Steps)
            {
                if (deadline - TimeProvider.GetUtcNow() < MinimumStepTime)
                {
                    // The steps before used up the time limit: this one and those after it never ran. Said as such, not
                    // as a step "stopped by the time limit after 0 s" (changesets/changesets' lint, under load).
                    notStarted.AddRange(plan.Steps.SkipWhile(s => !ReferenceEquals(s, step)).Select(s => s.Name));
                    var limit = timeout.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture);
                    findings.Add(new ValidationFinding(
                        $"not started: {string.Join(", ", notStarted)}. The validator's time limit ({limit} min) was used up by the steps before; "
                        + "a repository whose checks need longer sets \"timeoutMinutes\" under \"validators\" in its honk.json.") { Code = NotStartedCode });
                    break;
                }

                var outcome = await RunStepAsync(step, runner, deadline, timeout, context, flaky, notes, cancellationToken).ConfigureAwait(false);
                if (outcome.Passed)
                {
                    notes.Add(outcome.Note is null ? $"{step.Name} ok" : $"{step.Name}: {outcome.Note}");
                    continue;
                }

                failedSteps.Add(step.Name);
                findings.AddRange(outcome.Findings);
                kind = Graver(kind, outcome.Kind);
                if (!step.ContinueOnFailure)
                {
                    // Said in a note the baseline reads: a failure the base has too may be tolerated, but tests that
                    // never ran vouch for nothing.
                    // A plan with no test step (a .NET solution whose test projects could not be told apart before
                    // a restore that failed: adamralph/bullseye) still had its build to run: that did not run either.
                    var later = plan.Steps.SkipWhile(s => !ReferenceEquals(s, step)).Skip(1).ToList();
                    var skipped = later.Where(s => s.RunsTests).Select(s => s.Name).ToList();
                    skipped = skipped.Count > 0 ? skipped : [.. later.Select(s => s.Name).Distinct(StringComparer.Ordinal)];
                    if (skipped.Count > 0)
                    {
                        notes.Add($"{TestsNotRunNote} ({string.Join(", ", skipped)}): `{step.Name}` failed before them");
                    }

                    break;
                }
            }
        }
        finally
        {
            if (snapshot is not null)
            {
                await snapshot.RestoreAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        var root = context.Workspace.RootPath;
        var label = plan.Label ?? Name;
        if (failedSteps.Count == 0 && notStarted.Count == 0)
        {
            return ValidationResult.Success(SummaryBuilder.Success(label, notes));
        }

        if (failedSteps.Count == 0)
        {
            // Every step that ran passed; the rest never started. Nothing vouches for the change, and nothing in it can be
            // mended: not a pass, and not a fix request (the session ends validation_failed saying why).
            kind = ValidationFailureKind.Environment;
        }

        var relative = findings.Select(f => Relativize(f, root)).ToList();
        var headline = kind switch
        {
            ValidationFailureKind.NoTestsRan => $"{label}: no tests ran ({string.Join(", ", failedSteps)})",
            ValidationFailureKind.Infrastructure => $"{label}: {string.Join(", ", failedSteps)} broke (infrastructure, not the code)",
            ValidationFailureKind.Environment => $"{label}: {string.Join(", ", notStarted)} not started (time limit used up; environment)",
            _ => $"{label}: {string.Join(", ", failedSteps)} failed" + (notStarted.Count == 0 ? "" : $"; {string.Join(", ", notStarted)} not started (time limit)"),
        };
        var summary = new SummaryBuilder(Options.MaxSummaryBytes).Failure(headline, relative,
            notes.Where(n => n.StartsWith(FlakyNote, StringComparison.Ordinal) || n.StartsWith(TestsNotRunNote, StringComparison.Ordinal)));
        return ValidationResult.Failure(summary, SummaryBuilder.Distinct(relative), kind);
    }

    /// <summary>The text of a command for messages, e.g. <c>dotnet build src/App.csproj</c>.</summary>
    /// <param name="request">The command.</param>
    /// <returns>The command line, shortened.</returns>
    protected static string Describe(CommandRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = string.Join(' ', [Path.GetFileName(request.FileName), .. request.Arguments]);
        return text.Length <= 120 ? text : text[..117] + "...";
    }

    /// <summary>
    /// The time limit of this validation: the repository's <c>"validators": {"timeoutMinutes": …}</c> (read from the
    /// base commit, like every repository setting), else <see cref="ValidatorOptions.Timeout"/>. A broken settings file
    /// leaves the default: the plan reports it.
    /// </summary>
    private async Task<TimeSpan> TimeoutAsync(ValidationContext context, CancellationToken cancellationToken)
    {
        var (settings, _) = await RepositorySettings.LoadForValidationAsync(context, Name, cancellationToken).ConfigureAwait(false);
        return settings?.Validators.TimeoutMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : Options.Timeout;
    }

    private async Task<ValidationStepResult> RunStepAsync(
        ValidationStep step, ICommandRunner runner, DateTimeOffset deadline, TimeSpan timeout, ValidationContext context, FlakyTests flaky, List<string> notes, CancellationToken cancellationToken)
    {
        CommandResult result;
        try
        {
            using var heartbeat = StepHeartbeat.Start(context, Name, Describe(step.Request), TimeProvider);
            var request = heartbeat is null ? step.Request : step.Request with { OutputLineObserver = heartbeat.Observe };
            result = await RunWithinAsync(runner, request, deadline, context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            return ValidationStepResult.Failure([new ValidationFinding($"`{Describe(step.Request)}` could not run: {ex.Message}")]);
        }

        if (result.InfrastructureFailure is { } why)
        {
            // Not the code's fault and not something the base "already had": the run itself broke (twice: the runner
            // already retried it once).
            return ValidationStepResult.InfrastructureFailure([new ValidationFinding(
                $"`{Describe(step.Request)}` did not finish: {why} An infrastructure failure, not a code failure.")
            { Code = "infrastructure" }]);
        }

        var outcome = await InterpretAsync(step, result, context, cancellationToken).ConfigureAwait(false);
        if (outcome.Passed)
        {
            return step.RunsTests && await NoTestsRanAsync(step, result, context, cancellationToken).ConfigureAwait(false) is { } none ? none : outcome;
        }

        if (outcome.Kind != ValidationFailureKind.Checks)
        {
            // "No tests ran" and infrastructure failures say what they found; there is nothing to re-run or to tail.
            return outcome;
        }

        var findings = outcome.Findings.ToList();
        if (result.TimedOut)
        {
            findings.Insert(0, new ValidationFinding(string.Create(CultureInfo.InvariantCulture,
                $"`{Describe(step.Request)}` was stopped by the time limit after {result.Duration.TotalSeconds:0} s (validator limit {timeout.TotalMinutes:0.#} min).")));
        }
        else if (step.RunsTests)
        {
            var tolerated = await flaky.SettleAsync(
                findings, failures => RerunTestsAsync(step, failures, (request, ct) => RunWithinAsync(runner, request, deadline, context, ct), context, cancellationToken).AsTask(),
                notes, cancellationToken).ConfigureAwait(false);
            if (tolerated > 0 && findings.Count == 0)
            {
                return ValidationStepResult.Success($"passed after re-running {tolerated} flaky test(s)");
            }
        }

        if (findings.Count == 0)
        {
            findings.Add(new ValidationFinding(
                $"`{Describe(step.Request)}` failed with exit code {result.ExitCode}; no known test or compiler output, so its failure lines and its end:\n{OutputTail.Extract(result.Output)}"));
        }

        return ValidationStepResult.Failure(findings);
    }

    private async Task<CommandResult> RunWithinAsync(ICommandRunner runner, CommandRequest request, DateTimeOffset deadline, ValidationContext context, CancellationToken cancellationToken)
    {
        var left = deadline - TimeProvider.GetUtcNow();
        if (left <= TimeSpan.Zero)
        {
            return new CommandResult(-1, "Not started: the validator's time limit was used up.", TimeSpan.Zero) { TimedOut = true };
        }

        var environment = new Dictionary<string, string>(Options.Environment, StringComparer.Ordinal);
        foreach (var (key, value) in request.Environment)
        {
            environment[key] = value;
        }

        // Tests that commit in throw-away repositories need an identity, as on the repository's CI (see GitIdentity).
        if (!environment.ContainsKey(GitIdentity.Variable) && GitIdentity.File(context.Workspace.RootPath) is { } identity)
        {
            environment[GitIdentity.Variable] = identity;
        }

        var bounded = request with
        {
            Timeout = request.Timeout is { } own && own < left ? own : left,
            AllowNetwork = request.AllowNetwork && Options.AllowNetwork,
            Environment = environment,
        };
        return await runner.RunAsync(bounded, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A passing test step that ran no test, where the repository has test files, is not a pass.</summary>
    private static async Task<ValidationStepResult?> NoTestsRanAsync(ValidationStep step, CommandResult result, ValidationContext context, CancellationToken cancellationToken)
    {
        if (ZeroTests.Seen(result.Output) is not { } seen)
        {
            return null;
        }

        var facts = await RepositoryFacts.ScanAsync(context.Workspace.RootPath, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ZeroTests.ATestFile(facts) is { } testFile
            ? ValidationStepResult.NoTestsRan($"`{Describe(step.Request)}` ran no test ({seen}), yet the repository has test files such as {testFile}")
            : null;
    }

    /// <summary>Infrastructure outranks "no tests ran", which outranks failing checks.</summary>
    private static ValidationFailureKind Graver(ValidationFailureKind a, ValidationFailureKind b)
        => (a, b) switch
        {
            (ValidationFailureKind.Infrastructure, _) or (_, ValidationFailureKind.Infrastructure) => ValidationFailureKind.Infrastructure,
            (ValidationFailureKind.NoTestsRan, _) or (_, ValidationFailureKind.NoTestsRan) => ValidationFailureKind.NoTestsRan,
            _ => ValidationFailureKind.Checks,
        };

    /// <summary>
    /// Makes every path inside the repository relative in a text (messages, test names): absolute worktree paths
    /// differ between the session's worktree and the base's, so a message that carries them never matches the base.
    /// </summary>
    /// <param name="text">The text; <see langword="null"/> passes through.</param>
    /// <param name="root">The repository root.</param>
    /// <returns>The text with <c>file://</c> and plain absolute paths under the root made relative.</returns>
    protected internal static string? RelativizeText(string? text, string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var candidate in Roots(root))
        {
            if (!text.Contains(candidate, StringComparison.Ordinal))
            {
                continue;
            }

            text = text.Replace("file://" + candidate + "/", "", StringComparison.Ordinal).Replace(candidate + "/", "", StringComparison.Ordinal);

            // The bare root ("RUN v4 /work/repo") reads as "."; "/work/repo-2" is another folder and stays.
            text = System.Text.RegularExpressions.Regex.Replace(text, System.Text.RegularExpressions.Regex.Escape(candidate) + @"(?![\w.\-])", ".");
        }

        return text;
    }

    private static IEnumerable<string> Roots(string root)
    {
        var trimmed = root.TrimEnd('/');
        yield return trimmed;
        string? resolved = null;
        try
        {
            resolved = new DirectoryInfo(trimmed).ResolveLinkTarget(returnFinalTarget: true)?.FullName.TrimEnd('/');
        }
        catch (IOException)
        {
            // An unreadable link: only the root as given is known.
        }

        if (resolved is not null && resolved != trimmed)
        {
            yield return resolved;
        }
    }

    internal static ValidationFinding Relativize(ValidationFinding finding, string root) => finding with
    {
        File = RepositoryFacts.ToRelativePath(root, finding.File),
        Message = RelativizeText(finding.Message, root)!,
        TestName = RelativizeText(finding.TestName, root),
    };
}
