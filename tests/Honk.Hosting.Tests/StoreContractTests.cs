using Honk.Steering;
using Honk.Tasks;
using Microsoft.Extensions.Time.Testing;


namespace Honk.Hosting.Tests;

/// <summary>The behaviour every session store must have; run against SQLite and PostgreSQL.</summary>
public abstract class StoreContractTests : IAsyncLifetime
{
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    protected ISessionStore Store { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<ISessionStore> CreateStoreAsync();

    public async ValueTask InitializeAsync()
    {
        Store = await CreateStoreAsync();
        await Store.InitializeAsync(Ct);
    }

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    protected static SessionRequest Request(string repo = "/repos/a", string goal = "Fix the bug") => new()
    {
        Repository = repo,
        Task = new CodingTask(goal) { Title = "Fix", AllowedPaths = ["src/**"], Budget = new Budget { MaxTurns = 7 } },
        Model = "script:/tmp/s.json",
        JudgeModel = "anthropic:claude",
        Delivery = [TaskDelivery.Push, TaskDelivery.Patch],
        Branch = "honk/fix",
        Requester = "U123",
        Origin = new SlackOrigin("C1", "1700000000.000100", "U123") { TeamId = "T9" },
    };

    private async Task<string> CreateAsync(string id, string repo = "/repos/a")
    {
        await Store.CreateAsync(id, Request(repo), "honk/" + id, Ct);
        Time.Advance(TimeSpan.FromMilliseconds(10));
        return id;
    }

    [Fact]
    public async Task Steering_IsTakenOnceInTheOrderItWasSent_EvenWhenSendersRace()
    {
        var steering = Assert.IsAssignableFrom<ISteeringStore>(Store);
        var id = await CreateAsync("s-steer");
        Assert.Empty(await steering.TakeSteeringAsync(id, Ct));

        await steering.AddSteeringAsync(id, new SteeringItem(new SteeringMessage("slack:U1", "keep the API")), Ct);
        await steering.AddSteeringAsync(id, new SteeringItem(new PlanDecision(false, "api:lead", "smaller steps")), Ct);
        await steering.AddSteeringAsync(id, new SteeringItem(new PlanDecision(true, "api:lead")), Ct);
        await steering.AddSteeringAsync("another-session", new SteeringItem(new SteeringMessage("slack:U1", "not for s-steer")), Ct);

        var taken = await steering.TakeSteeringAsync(id, Ct);
        Assert.Equal(3, taken.Count);
        Assert.Equal(new SteeringMessage("slack:U1", "keep the API"), taken[0].Message);
        Assert.Equal(new PlanDecision(false, "api:lead", "smaller steps"), taken[1].Decision);
        Assert.Equal(new PlanDecision(true, "api:lead"), taken[2].Decision);
        Assert.Empty(await steering.TakeSteeringAsync(id, Ct));

        // Senders racing on one session: every message is kept, each taken once.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => steering.AddSteeringAsync(id, new SteeringItem(new SteeringMessage("api:lead", $"m{i}")), Ct)));
        var raced = await steering.TakeSteeringAsync(id, Ct);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"m{i}").Order(), raced.Select(r => r.Message!.Text).Order());
        Assert.Single(await steering.TakeSteeringAsync("another-session", Ct));
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task ReplayIds_AreRecordedOnceUntilTheyExpire()
    {
        var ids = Assert.IsAssignableFrom<IReplayIdStore>(Store);
        var expires = Time.GetUtcNow().AddHours(1);
        Assert.True(await ids.TryRecordReplayIdAsync("github:d1", expires, Ct));
        Assert.False(await ids.TryRecordReplayIdAsync("github:d1", expires, Ct));
        Assert.True(await ids.TryRecordReplayIdAsync("slack-event:d1", expires, Ct));

        // Concurrent deliveries of the same id: exactly one goes ahead.
        var racers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => ids.TryRecordReplayIdAsync("github:race", expires, Ct)));
        Assert.Single(racers, ok => ok);

        Time.Advance(TimeSpan.FromHours(1));
        Assert.True(await ids.TryRecordReplayIdAsync("github:d1", Time.GetUtcNow().AddHours(1), Ct));
        Assert.False(await ids.TryRecordReplayIdAsync("github:d1", Time.GetUtcNow().AddHours(1), Ct));
    }

    [Fact]
    public async Task CreateAsync_ThenGet_RoundTripsTheTypedRequest()
    {
        await CreateAsync("s1");
        var record = await Store.GetAsync("s1", Ct);
        Assert.NotNull(record);
        Assert.Equal(HostedSessionStatus.Queued, record.Status);
        Assert.Equal("honk/s1", record.Branch);
        Assert.Equal(Time.GetUtcNow().AddMilliseconds(-10), record.CreatedAt);
        Assert.Equal("Fix the bug", record.Request.Task.Goal);
        Assert.Equal(["src/**"], record.Request.Task.AllowedPaths);
        Assert.Equal(7, record.Request.Task.Budget!.MaxTurns);
        Assert.Equal([TaskDelivery.Push, TaskDelivery.Patch], record.Request.Delivery);
        var slack = Assert.IsType<SlackOrigin>(record.Request.Origin);
        Assert.Equal(("C1", "1700000000.000100", "U123", "T9"), (slack.Channel, slack.ThreadTs, slack.User, slack.TeamId));
        Assert.Equal(ApprovalState.Pending, record.Approval.State);
        Assert.Null(await Store.GetAsync("missing", Ct));
    }

    [Fact]
    public async Task CreateAsync_DuplicateId_Throws()
    {
        await CreateAsync("dup");
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.CreateAsync("dup", Request(), "b", Ct));
    }

    [Fact]
    public async Task InitializeAsync_Twice_KeepsData()
    {
        await CreateAsync("keep");
        await Store.InitializeAsync(Ct);
        Assert.NotNull(await Store.GetAsync("keep", Ct));
    }

    [Fact]
    public async Task AppendEventAsync_SameSequenceTwice_IsNoOpAndEventsRoundTrip()
    {
        await CreateAsync("ev");
        var call = new ToolCallRequest("c1", "write_file", """{"path":"a.txt"}""");
        var events = new AgentEvent[]
        {
            new TurnStarted(1) { SessionId = "ev", Sequence = 1, Timestamp = Time.GetUtcNow() },
            new AssistantTurnCompleted(1, "hi", [call], new SessionUsage(10, 5, 0.01m)) { SessionId = "ev", Sequence = 2 },
            new VerdictReached("scope-guard", Verdict.Veto("out of scope")) { SessionId = "ev", Sequence = 3 },
            new SessionCompleted(new SessionResult { SessionId = "ev", Status = SessionStatus.Succeeded, ChangedFiles = ["a.txt"] }) { SessionId = "ev", Sequence = 4 },
        };
        foreach (var e in events)
        {
            Assert.True(await Store.AppendEventAsync(e, Ct));
        }

        Assert.False(await Store.AppendEventAsync(new TurnStarted(99) { SessionId = "ev", Sequence = 2 }, Ct));

        var all = await Store.ReadEventsAsync("ev", 0, 100, Ct);
        Assert.Equal([1L, 2, 3, 4], all.Select(e => e.Sequence));
        var turn = Assert.IsType<AssistantTurnCompleted>(all[1]);
        Assert.Equal("write_file", turn.ToolCalls[0].Name);
        Assert.Equal(0.01m, turn.Usage.CostUsd);
        Assert.False(Assert.IsType<VerdictReached>(all[2]).Verdict.Approved);
        Assert.Equal(["a.txt"], Assert.IsType<SessionCompleted>(all[3]).Result.ChangedFiles);

        var after = await Store.ReadEventsAsync("ev", 2, 100, Ct);
        Assert.Equal([3L, 4], after.Select(e => e.Sequence));
        Assert.Equal(4, (await Store.GetAsync("ev", Ct))!.LastSequence);
    }

    [Fact]
    public async Task ClaimNextAsync_TakesOldestQueuedFirst_AndLeasesIt()
    {
        await CreateAsync("a1");
        await CreateAsync("a2");
        var claim = new SessionClaim("host-1", TimeSpan.FromSeconds(30));

        var first = await Store.ClaimNextAsync(claim, Ct);
        var second = await Store.ClaimNextAsync(claim, Ct);
        var none = await Store.ClaimNextAsync(claim, Ct);

        Assert.Equal("a1", first!.Id);
        Assert.Equal("a2", second!.Id);
        Assert.Null(none);
        Assert.Equal(HostedSessionStatus.Running, first.Status);
        Assert.Equal("host-1", first.LeaseOwner);
        Assert.Equal(1, first.Attempts);
        Assert.Equal(Time.GetUtcNow().AddSeconds(30), first.LeaseExpiresAt);
    }

    [Fact]
    public async Task ClaimNextAsync_ExpiredLease_IsTakenOverAndOldHostLosesIt()
    {
        await CreateAsync("x");
        await Store.ClaimNextAsync(new SessionClaim("dead", TimeSpan.FromSeconds(5)), Ct);
        Assert.Null(await Store.ClaimNextAsync(new SessionClaim("other", TimeSpan.FromSeconds(5)), Ct));

        Time.Advance(TimeSpan.FromSeconds(6));
        var taken = await Store.ClaimNextAsync(new SessionClaim("other", TimeSpan.FromSeconds(5)), Ct);

        Assert.Equal(2, taken!.Attempts);
        Assert.Equal("other", taken.LeaseOwner);
        Assert.Equal(LeaseRenewal.Lost, await Store.RenewLeaseAsync("x", "dead", TimeSpan.FromSeconds(5), Ct));
        Assert.False(await Store.CompleteAsync("x", "dead", new SessionResult { SessionId = "x", Status = SessionStatus.Succeeded }, Ct));
        Assert.Equal(LeaseRenewal.Renewed, await Store.RenewLeaseAsync("x", "other", TimeSpan.FromSeconds(5), Ct));
        Assert.True(await Store.CompleteAsync("x", "other", new SessionResult { SessionId = "x", Status = SessionStatus.NoChanges }, Ct));

        var done = await Store.GetAsync("x", Ct);
        Assert.Equal(HostedSessionStatus.NoChanges, done!.Status);
        Assert.Equal(SessionStatus.NoChanges, done.Result!.Status);
        Assert.Null(done.LeaseOwner);
    }

    [Fact]
    public async Task ReleaseLeasesAsync_MakesTheHostsSessionsClaimableAtOnce()
    {
        await CreateAsync("r1");
        await Store.ClaimNextAsync(new SessionClaim("h", TimeSpan.FromMinutes(5)), Ct);
        Assert.Equal(1, await Store.ReleaseLeasesAsync("h", Ct));
        var again = await Store.ClaimNextAsync(new SessionClaim("h", TimeSpan.FromMinutes(5)), Ct);
        Assert.Equal(("r1", 2), (again!.Id, again.Attempts));
    }

    [Fact]
    public async Task ClaimNextAsync_SerializePerRepository_SkipsBusyRepository()
    {
        await CreateAsync("p1", "/repos/same");
        await CreateAsync("p2", "/repos/same");
        await CreateAsync("p3", "/repos/other");
        var claim = new SessionClaim("h", TimeSpan.FromSeconds(30)) { SerializePerRepository = true };

        Assert.Equal("p1", (await Store.ClaimNextAsync(claim, Ct))!.Id);
        Assert.Equal("p3", (await Store.ClaimNextAsync(claim, Ct))!.Id);
        Assert.Null(await Store.ClaimNextAsync(claim, Ct));
        await Store.CompleteAsync("p1", "h", new SessionResult { SessionId = "p1", Status = SessionStatus.Succeeded }, Ct);
        Assert.Equal("p2", (await Store.ClaimNextAsync(claim, Ct))!.Id);
    }

    [Fact]
    public async Task ClaimNextAsync_ManyConcurrentClaimers_ClaimEachSessionOnce()
    {
        for (var i = 0; i < 12; i++)
        {
            await CreateAsync($"c{i:00}");
        }

        var claimed = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(h => Task.Run(
            async () =>
            {
                while (await Store.ClaimNextAsync(new SessionClaim($"h{h}", TimeSpan.FromMinutes(1)), Ct) is { } s)
                {
                    claimed.Add(s.Id);
                }
            },
            Ct)));

        Assert.Equal(12, claimed.Count);
        Assert.Equal(12, claimed.Distinct().Count());
    }

    [Fact]
    public async Task RequestCancelAsync_QueuedEndsAtOnce_RunningIsFlaggedForItsHost()
    {
        await CreateAsync("q");
        await CreateAsync("run");
        await Store.ClaimNextAsync(new SessionClaim("h", TimeSpan.FromMinutes(1)), Ct);

        var running = await Store.RequestCancelAsync("q", Ct);
        Assert.Equal(HostedSessionStatus.Running, running!.Status);
        Assert.True(running.CancelRequested);
        Assert.Equal(LeaseRenewal.CancelRequested, await Store.RenewLeaseAsync("q", "h", TimeSpan.FromMinutes(1), Ct));

        var queued = await Store.RequestCancelAsync("run", Ct);
        Assert.Equal(HostedSessionStatus.Cancelled, queued!.Status);
        Assert.Equal(SessionStatus.Cancelled, queued.Result!.Status);
        Assert.Null(await Store.ClaimNextAsync(new SessionClaim("h", TimeSpan.FromMinutes(1)), Ct));
    }

    [Fact]
    public async Task SetApprovalAsync_RecordsWhoAndWhen()
    {
        await CreateAsync("ap");
        var at = Time.GetUtcNow();
        Assert.True(await Store.SetApprovalAsync("ap", new SessionApproval(ApprovalState.ChangesRequested) { By = "octocat", At = at, Comment = "rename it" }, Ct));
        Assert.False(await Store.SetApprovalAsync("nope", new SessionApproval(ApprovalState.Approved), Ct));
        var approval = (await Store.GetAsync("ap", Ct))!.Approval;
        Assert.Equal((ApprovalState.ChangesRequested, "octocat", at, "rename it"), (approval.State, approval.By, approval.At!.Value, approval.Comment));
    }

    [Fact]
    public async Task ListAsync_FiltersByStatusAndRepository_NewestFirst()
    {
        await CreateAsync("l1", "/r/1");
        await CreateAsync("l2", "/r/2");
        await CreateAsync("l3", "/r/1");
        await Store.RequestCancelAsync("l3", Ct);

        Assert.Equal(["l3", "l2", "l1"], (await Store.ListAsync(new SessionQuery(), Ct)).Select(r => r.Id));
        Assert.Equal(["l3", "l1"], (await Store.ListAsync(new SessionQuery { Repository = "/r/1" }, Ct)).Select(r => r.Id));
        Assert.Equal(["l2", "l1"], (await Store.ListAsync(new SessionQuery { Statuses = [HostedSessionStatus.Queued] }, Ct)).Select(r => r.Id));
        Assert.Equal(["l2"], (await Store.ListAsync(new SessionQuery { Limit = 1, Offset = 1 }, Ct)).Select(r => r.Id));
    }

    [Fact]
    public async Task Effects_BeginOnce_CompleteRecordsOutcome_FailedMayBeginAgain()
    {
        await CreateAsync("fx");
        Assert.Null(await Store.GetEffectAsync("fx", "delivery:push", Ct));
        Assert.True(await Store.TryBeginEffectAsync("fx", "delivery:push", Ct));
        Assert.False(await Store.TryBeginEffectAsync("fx", "delivery:push", Ct));
        Assert.Equal(EffectState.Begun, (await Store.GetEffectAsync("fx", "delivery:push", Ct))!.State);

        await Store.CompleteEffectAsync("fx", "delivery:push", succeeded: false, """{"why":"rejected"}""", Ct);
        Assert.True(await Store.TryBeginEffectAsync("fx", "delivery:push", Ct));
        await Store.CompleteEffectAsync("fx", "delivery:push", succeeded: true, """{"ok":true}""", Ct);
        Assert.False(await Store.TryBeginEffectAsync("fx", "delivery:push", Ct));

        var effect = await Store.GetEffectAsync("fx", "delivery:push", Ct);
        Assert.Equal((EffectState.Succeeded, 2, """{"ok":true}"""), (effect!.State, effect.Attempts, effect.OutcomeJson));
        await Store.TryBeginEffectAsync("fx", "slack:reply", Ct);
        Assert.Equal(["delivery:push", "slack:reply"], (await Store.ListEffectsAsync("fx", Ct)).Select(e => e.EffectKey));
    }
}
