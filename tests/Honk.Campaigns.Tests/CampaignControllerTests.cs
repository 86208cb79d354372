namespace Honk.Campaigns.Tests;

public sealed class CampaignControllerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_AllSucceed_RunsCanaryThenWavesInOrder_AndCompletes()
    {
        await using var harness = new CampaignHarness();
        var id = await harness.CreateAsync(6, "canary: 1\nwaves: [2, all]\nconcurrency: 3", Ct);

        var ended = await harness.RunAsync(id, Ct);

        Assert.Equal(CampaignStatus.Completed, ended.Status);
        var report = await harness.ReportAsync(id);
        Assert.Equal(new Dictionary<string, int> { ["succeeded"] = 6 }, report.Counts);
        Assert.Equal([0, 1, 1, 2, 2, 2], report.Repositories.Select(r => r.Wave));
        Assert.True(report.AllStartedSucceeded);

        // A wave starts only when the one before it has ended.
        var started = harness.Sessions.Started;
        var finished = harness.Sessions.Finished;
        Assert.Equal("r0", started[0]);
        Assert.True(IndexOf(finished, "r0") < IndexOf(started, "r1") && IndexOf(finished, "r0") < IndexOf(started, "r2"));
        Assert.True(Math.Max(IndexOf(finished, "r1"), IndexOf(finished, "r2")) < new[] { "r3", "r4", "r5" }.Min(r => IndexOf(started, r)));
        Assert.Equal(6, started.Distinct().Count());
        Assert.Equal(0.06m, report.CostUsd);
    }

    [Fact]
    public async Task Run_CanaryFails_PausesAndSkipsTheRest()
    {
        await using var harness = new CampaignHarness { Sessions = new OutcomeTable().Set("r0", SessionStatus.ValidationFailed) };
        var id = await harness.CreateAsync(5, "waves: [2, all]", Ct);

        var ended = await harness.RunAsync(id, Ct);

        Assert.Equal(CampaignStatus.Paused, ended.Status);
        Assert.Contains("below the gate", ended.Message, StringComparison.Ordinal);
        Assert.Equal(["r0"], harness.Sessions.Started);
        var report = await harness.ReportAsync(id);
        Assert.Equal(new Dictionary<string, int> { ["skipped"] = 4, ["validation_failed"] = 1 }, report.Counts);
        Assert.All(report.Repositories.Skip(1), r => Assert.Null(r.SessionId));
        Assert.False(report.AllStartedSucceeded);
    }

    [Fact]
    public async Task Run_WaveBelowGate_StopsBeforeTheNextWave()
    {
        await using var harness = new CampaignHarness
        {
            Sessions = new OutcomeTable().Set("r1", SessionStatus.Failed).Set("r2", SessionStatus.Vetoed),
        };
        var id = await harness.CreateAsync(8, "waves: [4, all]\ngate: 0.75", Ct);

        var ended = await harness.RunAsync(id, Ct);

        // Wave 1 (r1..r4): 2 of 4 succeeded = 50% < 75%.
        Assert.Equal(CampaignStatus.Paused, ended.Status);
        Assert.Equal(["r0", "r1", "r2", "r3", "r4"], harness.Sessions.Started.Order(StringComparer.Ordinal));
        var report = await harness.ReportAsync(id);
        Assert.Equal(3, report.Counts["skipped"]);
        Assert.Equal(1, report.Modes[FailureModes.Vetoed]);
        Assert.Equal(1, report.Modes[FailureModes.Failed]);
    }

    [Fact]
    public async Task Run_NoChangesCountsAsSuccessForTheGate()
    {
        await using var harness = new CampaignHarness { Sessions = new OutcomeTable().Set("r0", SessionStatus.NoChanges) };
        var id = await harness.CreateAsync(3, "gate: 1", Ct);

        var ended = await harness.RunAsync(id, Ct);

        Assert.Equal(CampaignStatus.Completed, ended.Status);
        var report = await harness.ReportAsync(id);
        Assert.Equal(1, report.Modes[FailureModes.NotApplicable]);
        Assert.True(report.AllStartedSucceeded);
    }

    [Fact]
    public async Task Run_BudgetSpent_StartsNoMoreSessions()
    {
        await using var harness = new CampaignHarness { Sessions = new OutcomeTable { DefaultCost = 1m } };
        var id = await harness.CreateAsync(6, "budget_total: 2.5\nconcurrency: 1", Ct);

        var ended = await harness.RunAsync(id, Ct);

        // Checked before each start: $0, $1, $2 are under $2.50; after the third session $3 is not.
        Assert.Equal(CampaignStatus.Paused, ended.Status);
        Assert.Contains("budget", ended.Message, StringComparison.Ordinal);
        Assert.Equal(["r0", "r1", "r2"], harness.Sessions.Started);
        var report = await harness.ReportAsync(id);
        Assert.Equal(new Dictionary<string, int> { ["skipped"] = 3, ["succeeded"] = 3 }, report.Counts);
        Assert.Equal(3m, report.CostUsd);
    }

    [Fact]
    public async Task Run_Concurrency_IsNeverExceeded()
    {
        await using var harness = new CampaignHarness();
        var id = await harness.CreateAsync(9, "concurrency: 2", Ct);

        await harness.RunAsync(id, Ct);

        Assert.InRange(harness.Sessions.MostRunningAtOnce, 1, 2);
        Assert.Equal(9, harness.Sessions.Started.Count);
    }

    [Fact]
    public async Task Run_Approval_PausesAfterEachWave_UntilApproved()
    {
        await using var harness = new CampaignHarness();
        var id = await harness.CreateAsync(4, "waves: [1, all]\napproval: true", Ct);

        var first = await harness.RunAsync(id, Ct);
        Assert.Equal(CampaignStatus.Paused, first.Status);
        Assert.Contains("waiting for approval of wave 1", first.Message, StringComparison.Ordinal);
        Assert.Equal(["r0"], harness.Sessions.Started);

        await harness.Store.ApproveAsync(id, 1, Ct);
        var second = await harness.RunAsync(id, Ct);
        Assert.Equal(CampaignStatus.Paused, second.Status);
        Assert.Equal(["r0", "r1"], harness.Sessions.Started);

        await harness.Store.ApproveAsync(id, 2, Ct);
        var third = await harness.RunAsync(id, Ct);
        Assert.Equal(CampaignStatus.Completed, third.Status);
        Assert.Equal(4, harness.Sessions.Started.Count);
        Assert.Equal(4, harness.Sessions.Started.Distinct().Count());
    }

    [Fact]
    public async Task Approve_PastAFailedGate_RunsTheNextWave()
    {
        await using var harness = new CampaignHarness { Sessions = new OutcomeTable().Set("r0", SessionStatus.Failed) };
        var id = await harness.CreateAsync(3, "", Ct);
        Assert.Equal(CampaignStatus.Paused, (await harness.RunAsync(id, Ct)).Status);

        await harness.Store.ApproveAsync(id, 1, Ct);
        var ended = await harness.RunAsync(id, Ct);

        Assert.Equal(CampaignStatus.Completed, ended.Status);
        Assert.Equal(["r0", "r1", "r2"], harness.Sessions.Started.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Cancel_WhileRunning_SkipsWhatHasNotStarted()
    {
        await using var harness = new CampaignHarness();
        harness.Sessions.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var id = await harness.CreateAsync(6, "canary: 2\nconcurrency: 2", Ct);

        var run = harness.RunAsync(id, Ct);
        while (harness.Sessions.Started.Count < 2)
        {
            await Task.Delay(20, Ct);
        }

        await harness.Store.RequestAsync(id, CampaignRequests.Cancel, Ct);
        harness.Sessions.Hold.SetResult();
        var ended = await run;

        Assert.Equal(CampaignStatus.Cancelled, ended.Status);
        var report = await harness.ReportAsync(id);
        Assert.Equal(new Dictionary<string, int> { ["skipped"] = 4, ["succeeded"] = 2 }, report.Counts);
        Assert.All(report.Repositories.Where(r => r.Status == CampaignStatus.Skipped), r => Assert.Contains("cancelled", r.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_Cancelled_StopsDrivingAndThrows()
    {
        await using var harness = new CampaignHarness();
        harness.Sessions.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var id = await harness.CreateAsync(3, "", Ct);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var run = harness.RunAsync(id, cts.Token);
        while (harness.Sessions.Started.Count < 1)
        {
            await Task.Delay(20, Ct);
        }

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        harness.Sessions.Hold.SetResult();
    }

    [Fact]
    public async Task Store_QueuesAndCompletesARepositoryOnlyOnce()
    {
        await using var harness = new CampaignHarness();
        var id = await harness.CreateAsync(1, "", Ct);

        var queued = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => harness.Store.TryQueueAsync(id, 0, Ct)));
        Assert.Equal(1, queued.Count(q => q));

        var first = await harness.Store.TryStartAsync(id, 0, "w1", Ct);
        var again = await harness.Store.TryStartAsync(id, 0, "w2", Ct);
        Assert.Equal(1, first!.Attempts);
        Assert.Equal(2, again!.Attempts);

        var result = new SessionResult { SessionId = first.SessionId, Status = SessionStatus.Succeeded };
        Assert.True(await harness.Store.TryCompleteAsync(id, 0, result, Ct));
        Assert.False(await harness.Store.TryCompleteAsync(id, 0, result with { Status = SessionStatus.Failed }, Ct));
        Assert.Null(await harness.Store.TryStartAsync(id, 0, "w3", Ct));
        Assert.Equal("succeeded", (await harness.Store.GetRepositoryAsync(id, 0, Ct))!.Status);
    }

    [Fact]
    public async Task Processor_RedeliveredJobOfAFinalRepository_RunsNothing()
    {
        await using var harness = new CampaignHarness();
        var id = await harness.CreateAsync(2, "", Ct);
        await harness.RunAsync(id, Ct);

        var outcome = await harness.Processor!.ProcessAsync(id, 0, Ct);

        Assert.Equal(CampaignJobOutcome.AlreadyFinal, outcome);
        Assert.Equal(2, harness.Sessions.Started.Count);
    }

    [Fact]
    public async Task Processor_StartedTooOften_GivesUpAsFailed()
    {
        await using var harness = new CampaignHarness();
        var id = await harness.CreateAsync(1, "", Ct);
        await harness.Store.TryQueueAsync(id, 0, Ct);
        for (var i = 0; i < 3; i++)
        {
            await harness.Store.TryStartAsync(id, 0, "dead-worker", Ct);
        }

        var processor = new CampaignJobProcessor(harness.Store, harness.Sessions, "w", maxAttempts: 3);
        var outcome = await processor.ProcessAsync(id, 0, Ct);

        Assert.Equal(CampaignJobOutcome.GaveUp, outcome);
        Assert.Empty(harness.Sessions.Started);
        var repository = (await harness.Store.GetRepositoryAsync(id, 0, Ct))!;
        Assert.Equal("failed", repository.Status);
        Assert.Contains("Gave up after 3 attempts", repository.Message, StringComparison.Ordinal);
    }

    private static int IndexOf(IReadOnlyList<string> list, string item)
    {
        var index = list.ToList().IndexOf(item);
        Assert.True(index >= 0, $"{item} is not in [{string.Join(", ", list)}]");
        return index;
    }
}
