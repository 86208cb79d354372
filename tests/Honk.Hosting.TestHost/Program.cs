using Honk.Hosting;
using Honk.Workspaces.Git;

// Usage: Honk.Hosting.TestHost <database> <work-folder> <host-id>
// Runs the host until it is killed; the kill -9 test starts and kills it many times over one database.
var store = new SqliteSessionStore(args[0]);
var host = new HonkHost(store, new HonkHostOptions
{
    HostId = args[2],
    MaxConcurrency = 2,
    PollInterval = TimeSpan.FromMilliseconds(100),
    LeaseDuration = TimeSpan.FromSeconds(3),
});
var composer = new SessionComposer(new SessionComposerOptions
{
    AllowUnsandboxed = true,
    UseBuiltInValidators = false,
    Workspace = new GitWorkspaceOptions
    {
        CacheRoot = Path.Combine(args[1], "cache"),
        WorktreesRoot = Path.Combine(args[1], "worktrees"),
    },
});
using var runner = new SessionRunnerService(host, composer);
await runner.StartAsync(CancellationToken.None);
Console.WriteLine("ready");
await Task.Delay(Timeout.Infinite);
