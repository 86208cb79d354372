using Honk;
using Honk.Hosting;
using Microsoft.Extensions.DependencyInjection;

// Usage: Honk.Hosting.TestHost <database> <work-folder> <host-id>
// Runs the host until it is killed; the kill -9 test starts and kills it many times over one database.
var services = new ServiceCollection();
services.AddHonk(o => o.ModelChosenPerSession = true)
    .AddHonkDefaults(d =>
    {
        d.AllowUnsandboxed = true;
        d.UseBuiltInValidators = false;
        d.Workspace.CacheRoot = Path.Combine(args[1], "cache");
        d.Workspace.WorktreesRoot = Path.Combine(args[1], "worktrees");
    });
services.AddHonkHosting(o =>
    {
        o.HostId = args[2];
        o.MaxConcurrency = 2;
        o.PollInterval = TimeSpan.FromMilliseconds(100);
        o.LeaseDuration = TimeSpan.FromSeconds(3);
    })
    .UseSqlite(args[0]);
await using var provider = services.BuildServiceProvider();
var host = provider.GetRequiredService<HonkHost>();
await host.Store.InitializeAsync();
using var runner = new SessionRunnerService(host, provider.GetRequiredService<ISessionExecutor>());
await runner.StartAsync(CancellationToken.None);
Console.WriteLine("ready");
await Task.Delay(Timeout.Infinite);
