using Honk.Delivery.Git;
using Honk.Delivery.Tests.Git.Infrastructure;
using Honk.Testing.Shared;

namespace Honk.Delivery.Tests.Git;

public sealed class PushChannelTests
{
    [Fact]
    public async Task DeliverAsync_GitDaemonRemote_PushesTheBranchWithTrailers()
    {
        await using var bed = await DeliveryTestBed.CreateAsync();
        var remote = bed.CreateServedRemote();
        using var daemon = GitDaemonServer.Start(bed.ServedRoot);
        var session = DeliveryTestBed.NewSessionId();
        var workspace = await bed.AcquireAsync(repository: daemon.UrlFor("remote.git"), sessionId: session);
        DeliveryTestBed.Edit(workspace, "src/Calc.cs", "class Calc { int Add(int a, int b) => a + b; }\n");

        var result = await new GitPushDeliveryChannel(bed.Options(), bed.Clock).DeliverAsync(DeliveryTestBed.Context(workspace, session), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("push", result.Channel);
        Assert.Equal(workspace.Branch, result.Branch);
        Assert.Equal(result.Commit, GitCommand.Head(remote, "refs/heads/" + workspace.Branch));
        Assert.Contains($"Honk-Session: {session}", GitCommand.Run(remote, "log", "-1", "--format=%(trailers:only)", result.Commit!), StringComparison.Ordinal);
        Assert.Equal("class Calc { int Add(int a, int b) => a + b; }\n", GitCommand.Run(remote, "show", $"{result.Commit}:src/Calc.cs"));
        Assert.Equal(bed.Source.InitialCommit, GitCommand.Head(remote, "refs/heads/main"));
    }

    [Fact]
    public async Task DeliverAsync_SameSessionAgainOverGitDaemon_DoesNotPushTwice()
    {
        await using var bed = await DeliveryTestBed.CreateAsync();
        var remote = bed.CreateServedRemote();
        var log = Path.Combine(bed.Root, "received.log");
        GitCommand.WriteHook(remote, "post-receive", $"cat >> '{log}'");
        using var daemon = GitDaemonServer.Start(bed.ServedRoot);
        var session = DeliveryTestBed.NewSessionId();
        var workspace = await bed.AcquireAsync(repository: daemon.UrlFor("remote.git"), sessionId: session);
        DeliveryTestBed.Edit(workspace, "src/Calc.cs", "fixed\n");
        var context = DeliveryTestBed.Context(workspace, session);
        var ct = TestContext.Current.CancellationToken;

        var first = await new GitPushDeliveryChannel(bed.Options(), bed.Clock).DeliverAsync(context, ct);
        var second = await new GitPushDeliveryChannel(bed.Options(), bed.Clock).DeliverAsync(context, ct);

        Assert.True(first.Succeeded, first.Message);
        Assert.True(second.Succeeded, second.Message);
        Assert.Equal(first.Commit, second.Commit);
        Assert.Contains("nothing pushed", second.Message, StringComparison.Ordinal);
        Assert.Single(File.ReadAllLines(log));
        Assert.Equal(1, daemon.PushConnections);
        Assert.Equal("1", GitCommand.Run(remote, "rev-list", "--count", $"main..{workspace.Branch}").Trim());
    }

    [Fact]
    public async Task DeliverAsync_HttpBackendRemote_PushesOnceAndIsIdempotent()
    {
        await using var bed = await DeliveryTestBed.CreateAsync();
        var remote = bed.CreateServedRemote();
        using var server = GitHttpServer.Start(bed.ServedRoot);
        var session = DeliveryTestBed.NewSessionId();
        var workspace = await bed.AcquireAsync(repository: server.UrlFor("remote.git"), sessionId: session);
        DeliveryTestBed.Edit(workspace, "src/Calc.cs", "fixed over http\n");
        var channel = new GitPushDeliveryChannel(bed.Options(), bed.Clock);
        var context = DeliveryTestBed.Context(workspace, session);
        var ct = TestContext.Current.CancellationToken;

        var first = await channel.DeliverAsync(context, ct);
        var second = await channel.DeliverAsync(context, ct);

        Assert.True(first.Succeeded, first.Message);
        Assert.True(second.Succeeded, second.Message);
        Assert.Equal(first.Commit, GitCommand.Head(remote, "refs/heads/" + workspace.Branch));
        Assert.Equal(first.Commit, second.Commit);
        Assert.Equal(1, server.PushConnections);
        Assert.Equal("fixed over http\n", GitCommand.Run(remote, "show", $"{first.Commit}:src/Calc.cs"));
    }

    [Fact]
    public async Task DeliverAsync_RemoteBranchHasOtherWork_FailsWithGitsReason()
    {
        await using var bed = await DeliveryTestBed.CreateAsync();
        var remote = bed.CreateServedRemote();
        using var daemon = GitDaemonServer.Start(bed.ServedRoot);
        var session = DeliveryTestBed.NewSessionId();
        var workspace = await bed.AcquireAsync(repository: daemon.UrlFor("remote.git"), sessionId: session, branchName: "fix/calc");
        var theirs = await bed.Source.CommitFilesAsync(new Dictionary<string, string> { ["other.txt"] = "someone else\n" }, "their work", TestContext.Current.CancellationToken);
        GitCommand.Run(bed.Source.Path, "push", "--quiet", remote, $"{theirs}:refs/heads/fix/calc");
        DeliveryTestBed.Edit(workspace, "src/Calc.cs", "fixed\n");

        var result = await new GitPushDeliveryChannel(bed.Options(), bed.Clock).DeliverAsync(DeliveryTestBed.Context(workspace, session), TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Contains("was rejected", result.Message, StringComparison.Ordinal);
        Assert.Contains("[rejected]", result.Message, StringComparison.Ordinal);
        Assert.Equal(theirs, GitCommand.Head(remote, "refs/heads/fix/calc"));
    }

    [Fact]
    public async Task DeliverAsync_HookDeclines_FailsWithTheRemotesMessage()
    {
        await using var bed = await DeliveryTestBed.CreateAsync();
        var remote = bed.CreateServedRemote();
        GitCommand.WriteHook(remote, "pre-receive", "echo 'policy: pushes are frozen until Monday' >&2\nexit 1");
        using var daemon = GitDaemonServer.Start(bed.ServedRoot);
        var session = DeliveryTestBed.NewSessionId();
        var workspace = await bed.AcquireAsync(repository: daemon.UrlFor("remote.git"), sessionId: session);
        DeliveryTestBed.Edit(workspace, "src/Calc.cs", "fixed\n");

        var result = await new GitPushDeliveryChannel(bed.Options(), bed.Clock).DeliverAsync(DeliveryTestBed.Context(workspace, session), TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Contains("pre-receive hook declined", result.Message, StringComparison.Ordinal);
        Assert.Contains("pushes are frozen until Monday", result.Message, StringComparison.Ordinal);
        Assert.Null(GitCommand.TryHead(remote, "refs/heads/" + workspace.Branch));
    }

    [Fact]
    public async Task DeliverAsync_PushUrlWithCredentialsRejected_MessageNeverContainsTheSecret()
    {
        await using var bed = await DeliveryTestBed.CreateAsync();
        var remote = bed.CreateServedRemote();
        GitCommand.WriteHook(remote, "pre-receive", "echo 'no access' >&2\nexit 1");
        using var server = GitHttpServer.Start(bed.ServedRoot);
        var session = DeliveryTestBed.NewSessionId();
        var workspace = await bed.AcquireAsync(sessionId: session);
        DeliveryTestBed.Edit(workspace, "src/Calc.cs", "fixed\n");
        var url = server.UrlFor("remote.git", "deploy:s3cr3t-t0ken");

        var result = await new GitPushDeliveryChannel(bed.Options(o => o.PushUrl = url), bed.Clock).DeliverAsync(DeliveryTestBed.Context(workspace, session), TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Contains("no access", result.Message, StringComparison.Ordinal);
        Assert.Contains($"http://deploy:***@127.0.0.1:{server.Port}/remote.git", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-t0ken", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverAsync_UnreachableRemote_FailsWithoutTheSecret()
    {
        await using var bed = await DeliveryTestBed.CreateAsync();
        var session = DeliveryTestBed.NewSessionId();
        var workspace = await bed.AcquireAsync(sessionId: session);
        DeliveryTestBed.Edit(workspace, "src/Calc.cs", "fixed\n");
        var url = $"http://x-access-token:ghp_abcdef123456@127.0.0.1:{LoopbackPorts.Free()}/nowhere.git";

        var result = await new GitPushDeliveryChannel(bed.Options(o => o.PushUrl = url), bed.Clock).DeliverAsync(DeliveryTestBed.Context(workspace, session), TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.StartsWith("Could not reach", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ghp_abcdef123456", result.Message, StringComparison.Ordinal);
        Assert.NotNull(result.Commit);
    }

    [Fact]
    public async Task DeliverAsync_LocalSource_PushesToTheSourceRepositoryAsOrigin()
    {
        await using var bed = await DeliveryTestBed.CreateAsync();
        var session = DeliveryTestBed.NewSessionId();
        var workspace = await bed.AcquireAsync(sessionId: session);
        DeliveryTestBed.Edit(workspace, "src/Calc.cs", "fixed\n");

        var result = await new GitPushDeliveryChannel(bed.Options(), bed.Clock).DeliverAsync(DeliveryTestBed.Context(workspace, session), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(result.Commit, GitCommand.Head(bed.Source.Path, "refs/heads/" + workspace.Branch));
        Assert.Empty(await bed.Source.GetStatusAsync(TestContext.Current.CancellationToken));
    }
}
