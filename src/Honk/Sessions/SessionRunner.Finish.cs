using System.Text;

namespace Honk.Sessions;

/// <summary>
/// What happens when the model says it is done: no change ends as no_changes or failed (by the checks on the
/// untouched tree); otherwise the stop gate (validators), then guards and judges, then delivery. A failed gate or a
/// veto sends the model back, within bounded rounds. The decisions are <see cref="OutcomeRules"/>'.
/// </summary>
internal sealed partial class SessionRunner
{
    private readonly List<DeliveryResult> _deliveries = [];
    private int _gateFailures;
    private int _vetoes;
    private int _guardVetoes;
    private readonly List<JudgeReport> _verdicts = [];
    private IReadOnlyList<string> _changedFiles = [];
    private SessionResult? _result;

    public SessionResult? Result => _result;

    /// <summary>The version of the instructions' template, for provenance.</summary>
    public string? PromptVersion => _options.PromptVersion ?? (_options.Instructions is null ? DefaultInstructions.Version : null);

    /// <summary>A digest of the instructions the model received, for provenance.</summary>
    public string? PromptDigest => _options.PromptDigest ?? (_options.Instructions is null && _options.TaskMessage is null ? Prompting.PromptBuilder.Digest(DefaultInstructions.SystemPrompt, DefaultInstructions.TaskMessage(_task)) : null);

    /// <summary>Where the transcript is written, reported in the result.</summary>
    public string? TranscriptPath { get; set; }

    private async IAsyncEnumerable<AgentEvent> FinishAsync(FinishState state, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var workspace = _options.Workspace;
        _changedFiles = workspace is null ? [] : await workspace.GetChangedFilesAsync(cancellationToken).ConfigureAwait(false);
        if (_notApplicableReason is not null)
        {
            var (status, message) = OutcomeRules.NoChange(_notApplicableReason, null);
            yield return Complete(status, message);
            yield break;
        }

        if (_changedFiles.Count == 0)
        {
            // Nothing changed: no_changes only when the checks pass on the untouched tree (round 0: the whole
            // repository, nothing compared with a base, since this is the base).
            IReadOnlyList<ValidatorReport>? untouched = null;
            if (_options.Validators.Count > 0)
            {
                var applicable = await ApplicableValidatorsAsync(0, cancellationToken).ConfigureAwait(false);
                yield return new ValidationStarted(0, [.. applicable.Select(v => v.Name)]);
                await foreach (var e in ValidateWithProgressAsync(applicable, 0, cancellationToken).ConfigureAwait(false))
                {
                    yield return e;
                }

                untouched = _lastValidators;
                yield return new ValidationCompleted(0, _lastValidators);
            }

            var (status, message) = OutcomeRules.NoChange(null, untouched);
            yield return Complete(status, message);
            yield break;
        }

        // The stop gate: the repository's own checks must pass before anything else looks at the change.
        if (_options.Validators.Count > 0)
        {
            var round = _gateFailures + 1;
            var applicable = await ApplicableValidatorsAsync(round, cancellationToken).ConfigureAwait(false);
            yield return new ValidationStarted(round, [.. applicable.Select(v => v.Name)]);
            await foreach (var e in ValidateWithProgressAsync(applicable, round, cancellationToken).ConfigureAwait(false))
            {
                yield return e;
            }

            yield return new ValidationCompleted(round, _lastValidators);
            if (OutcomeRules.AnyBlocks(_lastValidators, _task.PreExistingFailures))
            {
                if (OutcomeRules.EnvironmentStop(_lastValidators, _task.PreExistingFailures) is { } environment)
                {
                    yield return Complete(SessionStatus.ValidationFailed, environment);
                    yield break;
                }

                _gateFailures++;
                if (_gateFailures > _loop.MaxStopGateRounds)
                {
                    yield return Complete(SessionStatus.ValidationFailed, $"Checks still fail after {_loop.MaxStopGateRounds} rounds of fixes: {FailedNames()}.");
                    yield break;
                }

                state.Feedback = GateFeedback();
                yield return new FeedbackSent("stop_gate", state.Feedback);
                yield break;
            }
        }

        if (_options.Judges.Count > 0 && workspace is not null)
        {
            var diff = await workspace.GetDiffAsync(cancellationToken).ConfigureAwait(false);
            foreach (var judge in _options.Judges)
            {
                var context = new JudgeContext(SessionId, _task, diff, _changedFiles)
                {
                    Workspace = workspace,
                    Validators = _lastValidators,
                    Round = (judge.IsGuard ? _guardVetoes : _vetoes) + 1,
                };
                var verdict = await judge.JudgeAsync(context, cancellationToken).ConfigureAwait(false);
                _verdicts.Add(new JudgeReport(judge.Name, context.Round, verdict));
                if (!judge.IsGuard)
                {
                    _lastVerdict = verdict;
                }

                yield return new VerdictReached(judge.Name, verdict);
                if (!verdict.Approved)
                {
                    // Guards and the judge each get their own budget of send-backs.
                    var vetoes = judge.IsGuard ? ++_guardVetoes : ++_vetoes;
                    if (vetoes > _loop.MaxJudgeRounds)
                    {
                        yield return Complete(SessionStatus.Vetoed, $"Vetoed by {judge.Name}: {verdict.Feedback}");
                        yield break;
                    }

                    state.Feedback = judge.IsGuard
                        ? $"A deterministic check ({judge.Name}) found a problem with the change. Fix it — do not weaken, skip or delete tests, and stay in scope — then finish again:\n\n{verdict.Feedback}"
                        : $"A reviewer ({judge.Name}) rejected the change. Address this, keeping the change minimal and in scope, then finish again:\n\n{verdict.Feedback}";
                    yield return new FeedbackSent(judge.IsGuard ? "guard" : "judge", state.Feedback);
                    yield break;
                }
            }
        }

        var previous = new List<DeliveryResult>();
        foreach (var channel in _options.DeliveryChannels)
        {
            var provisional = BuildResult(SessionStatus.Succeeded, null);
            var context = new DeliveryContext(_task, workspace!, provisional)
            {
                BranchName = _options.BranchName,
                Model = _modelId,
                Previous = previous,
                Redactor = Redactor,
            };
            var delivered = await DeliverSafelyAsync(channel, context, cancellationToken).ConfigureAwait(false);
            previous.Add(delivered);
            _deliveries.Add(delivered);
            yield return new DeliveryCompleted(delivered);
            if (!delivered.Succeeded && !channel.IsRequired)
            {
                yield return new SessionNotice("warning", $"'{delivered.Channel}' failed ({delivered.Message}); it is optional, so the session goes on.");
                continue;
            }

            if (!delivered.Succeeded)
            {
                yield return Complete(SessionStatus.Failed, $"Delivery through '{delivered.Channel}' failed: {delivered.Message}. The change is kept in the workspace.");
                yield break;
            }
        }

        yield return Complete(SessionStatus.Succeeded, _summary ?? "Done.");
    }

    /// <summary>Ends the session: builds the result and the final event.</summary>
    public SessionCompleted Complete(SessionStatus status, string message)
    {
        _result = BuildResult(status, message);
        return new SessionCompleted(_result);
    }

    /// <summary>Ends a session before the finish step (a budget, a failure, cancellation), listing the work it kept.</summary>
    public async ValueTask<SessionCompleted> EndEarlyAsync(SessionStatus status, string message)
    {
        if (_options.Workspace is { } workspace)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30), _time);
                _changedFiles = await workspace.GetChangedFilesAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The result is still worth reporting without the file list.
            }
        }

        return Complete(status, message);
    }

    private SessionResult BuildResult(SessionStatus status, string? message)
    {
        return new SessionResult
        {
            SessionId = SessionId,
            Status = status,
            Message = message,
            Branch = _deliveries.Select(d => d.Branch).FirstOrDefault(b => b is not null) ?? _options.Workspace?.Branch,
            Commit = _deliveries.Select(d => d.Commit).FirstOrDefault(c => c is not null),
            ChangedFiles = _changedFiles,
            Validators = _lastValidators,
            PreExistingFailures = OutcomeRules.Tolerated(_lastValidators, _task.PreExistingFailures),
            Verdict = _lastVerdict,
            Verdicts = [.. _verdicts],
            Delivery = _deliveries.Count == 0 ? null : _deliveries[^1],
            Deliveries = [.. _deliveries],
            Turns = _budget.Turns,
            ToolCalls = _budget.ToolCalls,
            Usage = _budget.Usage,
            Duration = _budget.Elapsed,
            Summary = _summary,
            Transcript = TranscriptPath,
            PromptVersion = PromptVersion,
            PromptDigest = PromptDigest,
        };
    }

    private async Task<IReadOnlyList<Validator>> ApplicableValidatorsAsync(int round, CancellationToken cancellationToken)
    {
        var context = ValidationContextFor(round);
        var applicable = new List<Validator>();
        foreach (var validator in _options.Validators)
        {
            bool applies;
            try
            {
                applies = await validator.AppliesToAsync(context, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                // A validator that cannot decide runs, and reports its own failure.
                applies = true;
            }

            if (applies)
            {
                applicable.Add(validator);
            }
        }

        return applicable;
    }

    /// <summary>
    /// Runs the validators and yields their progress reports (<see cref="ValidationProgress"/>) as they come, so a long
    /// check is visible on the stream; <see cref="_lastValidators"/> holds the reports when the stream ends.
    /// </summary>
    private async IAsyncEnumerable<AgentEvent> ValidateWithProgressAsync(IReadOnlyList<Validator> validators, int round, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var progress = System.Threading.Channels.Channel.CreateUnbounded<AgentEvent>(new() { SingleReader = true });
        var running = RunValidatorsAsync(validators, round, new ChannelProgress(progress.Writer), cancellationToken);
        _ = running.ContinueWith(_ => progress.Writer.TryComplete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        // Read to the end whatever happens: the writer completes when the run ends (also by cancellation or a crash,
        // which the await below then rethrows).
        await foreach (var e in progress.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            yield return e;
        }

        _lastValidators = await running.ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<ValidatorReport>> RunValidatorsAsync(IReadOnlyList<Validator> validators, int round, IProgress<ValidationProgress>? progress, CancellationToken cancellationToken)
    {
        var context = ValidationContextFor(round, progress);
        var reports = new List<ValidatorReport>(validators.Count);
        foreach (var validator in validators)
        {
            ValidationResult result;
            try
            {
                result = await validator.ValidateAsync(context, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                result = ValidationResult.Failure($"The validator crashed: {ex.GetType().Name}: {ex.Message}");
            }

            reports.Add(new ValidatorReport(validator.Name, result));
        }

        return reports;
    }

    private async ValueTask<IReadOnlyList<ValidatorReport>> RunValidatorsForToolAsync(CancellationToken cancellationToken)
    {
        var applicable = await ApplicableValidatorsAsync(_gateFailures + 1, cancellationToken).ConfigureAwait(false);

        // The result carries the last validation the session ran, whoever asked for it.
        _lastValidators = await RunValidatorsAsync(applicable, _gateFailures + 1, progress: null, cancellationToken).ConfigureAwait(false);
        return _lastValidators;
    }

    private ValidationContext ValidationContextFor(int round, IProgress<ValidationProgress>? progress = null)
        => new(SessionId, _task, _options.Workspace!)
        {
            CommandRunner = _options.CommandRunner,
            Round = round,
            Services = _options.Services,
            Progress = progress,
            ProgressInterval = _loop.ValidationProgressInterval,
        };

    /// <summary>Hands validators' progress reports (from any thread) to the stream.</summary>
    private sealed class ChannelProgress(System.Threading.Channels.ChannelWriter<AgentEvent> writer) : IProgress<ValidationProgress>
    {
        public void Report(ValidationProgress value) => writer.TryWrite(value);
    }

    private static async Task<DeliveryResult> DeliverSafelyAsync(DeliveryChannel channel, DeliveryContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await channel.DeliverAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return DeliveryResult.Failed(channel.Name, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>A failing report blocks the gate unless every failure in it was already on the base and tolerated (<see cref="OutcomeRules"/>).</summary>
    private bool Blocks(ValidatorReport report) => OutcomeRules.Blocks(report, _task.PreExistingFailures);

    private string FailedNames() => string.Join(", ", _lastValidators.Where(Blocks).Select(r => r.Name));

    private string GateFeedback()
    {
        var text = new StringBuilder()
            .Append("You finished, but the repository's checks fail (stop gate round ").Append(_gateFailures).Append(" of ").Append(_loop.MaxStopGateRounds)
            .AppendLine("). Fix the code so they pass, without weakening or skipping tests, then finish again.")
            .AppendLine();
        foreach (var report in _lastValidators.Where(Blocks))
        {
            text.Append('[').Append(report.Name).AppendLine("] FAILED").AppendLine(report.Summary).AppendLine();
        }

        return text.ToString().TrimEnd();
    }
}
