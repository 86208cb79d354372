using System.Collections.Concurrent;

namespace Honk.Tools.Tests.Commands;

/// <summary>A progress display sees each line of a sandboxed command as it arrives, not only the runner's notes.</summary>
[Collection(Honk.Tools.Tests.Support.ProcessEnvironmentCollection.Name)]
public sealed class OutputLineObserverTests : IDisposable
{
    private readonly TempDirectory _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task RunAsync_WithAnObserver_HandsItEveryOutputLineIncludingAnUnfinishedLastOne()
    {
        await SandboxTestSupport.RequireBubblewrapAsync();
        var runner = new SandboxedCommandRunner(_workspace.Path);
        var lines = new ConcurrentQueue<string>();

        var result = await runner.RunAsync(
            CommandRequest.Shell("echo 'ok 1 - adds'; echo 'not ok 2 - subtracts' >&2; printf 'tests 2'") with { OutputLineObserver = lines.Enqueue },
            TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["ok 1 - adds", "not ok 2 - subtracts", "tests 2"], lines.ToArray());
    }
}
