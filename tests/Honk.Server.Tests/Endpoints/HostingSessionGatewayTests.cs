using Honk.Hosting;

namespace Honk.Server.Tests;

public sealed class HostingSessionGatewayTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("honk-server-host-").FullName;
    private HonkHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var store = new SqliteSessionStore(Path.Combine(_dir, "honk.db"));
        await store.InitializeAsync(Ct);
        _host = new HonkHost(store);
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task SubmitGetList_SlackSession_RoundTripsThroughTheStore()
    {
        var gateway = new HostingSessionGateway(_host);
        var view = await gateway.SubmitAsync(new SessionSubmission("/repos/shop", new CodingTask("fix it") { Requester = "slack:U1" },
            new SessionSource { Kind = "slack", Requester = "slack:U1", SlackChannel = "C1", SlackThreadTs = "1.2" }), Ct);
        Assert.Equal(SessionState.Queued, view.State);

        var again = await gateway.GetAsync(view.Id, Ct);
        Assert.Equal("slack", again!.Source.Kind);
        Assert.Equal("C1", again.Source.SlackChannel);
        Assert.Equal("slack:U1", again.Source.Requester);
        Assert.Equal(view.Id, Assert.Single(await gateway.ListAsync(10, Ct)).Id);
        Assert.Null(await gateway.GetAsync("missing", Ct));
        Assert.True(await gateway.CancelAsync(view.Id, Ct));
    }

    [Fact]
    public async Task RunEffectOnceAsync_SecondCall_DoesNotRunAgain()
    {
        var gateway = new HostingSessionGateway(_host);
        var view = await gateway.SubmitAsync(new SessionSubmission("/r", new CodingTask("t"), new SessionSource { Kind = "api", Requester = "api" }), Ct);
        var runs = 0;
        var first = await gateway.RunEffectOnceAsync(view.Id, "approve", _ => ValueTask.FromResult($"merged {++runs}"), Ct);
        var second = await gateway.RunEffectOnceAsync(view.Id, "approve", _ => ValueTask.FromResult($"merged {++runs}"), Ct);
        Assert.Equal(1, runs);
        Assert.Equal("merged 1", first.Detail);
        Assert.True(second.AlreadyDone);
        Assert.Equal("merged 1", (await gateway.GetEffectAsync(view.Id, "approve", Ct))!.Detail);
    }

    [Fact]
    public async Task SubmitAsync_FollowUp_InheritsParentModelDeliveryAndBranch()
    {
        var gateway = new HostingSessionGateway(_host)
        {
            ConfigureRequest = (submission, request) => submission.ParentSessionId is null
                ? request with { Model = "script:fix.json", JudgeModel = "script:judge.json", Delivery = [Honk.Tasks.TaskDelivery.Branch] }
                : request,
        };
        var parent = await gateway.SubmitAsync(new SessionSubmission("/r", new CodingTask("fix it"), new SessionSource { Kind = "api", Requester = "lead" }), Ct);
        var parentRecord = (await _host.GetAsync(parent.Id, Ct))!;

        var followUp = await gateway.SubmitAsync(
            new SessionSubmission("/r", new CodingTask("fix it\n\nA reviewer asked for changes:\nadd a test"), new SessionSource { Kind = "review", Requester = "lead" }) { ParentSessionId = parent.Id }, Ct);

        var record = (await _host.GetAsync(followUp.Id, Ct))!;
        Assert.Equal(parent.Id, record.Request.ParentSessionId);
        Assert.Equal(parentRecord.Branch, record.Branch);
        Assert.Equal(parentRecord.Branch, record.Request.BaseRef);
        Assert.Equal("script:fix.json", record.Request.Model);
        Assert.Equal("script:judge.json", record.Request.JudgeModel);
        Assert.Equal([Honk.Tasks.TaskDelivery.Branch], record.Request.Delivery);
        Assert.Equal(parent.Id, (await gateway.GetAsync(followUp.Id, Ct))!.ParentSessionId);
        Assert.Null((await gateway.GetAsync(parent.Id, Ct))!.ParentSessionId);
    }

    [Fact]
    public async Task SubmitAsync_ConfigureRequest_HasTheLastSay()
    {
        var gateway = new HostingSessionGateway(_host) { ConfigureRequest = (_, request) => request with { Model = "script:chosen.json", Branch = "honk/chosen" } };
        var view = await gateway.SubmitAsync(new SessionSubmission("/r", new CodingTask("t"), new SessionSource { Kind = "api", Requester = "api" }), Ct);
        var record = (await _host.GetAsync(view.Id, Ct))!;
        Assert.Equal("script:chosen.json", record.Request.Model);
        Assert.Equal("honk/chosen", record.Branch);
    }
}
