using System.Globalization;
using BenchmarkDotNet.Running;
using Honk.Benchmarks;
using Honk.Benchmarks.Harness;
using Honk.Benchmarks.Suites;

// `--suite <name> [repetitions]` runs one suite alone (see ../README.md); `--profile [sessions]` samples what the loop
// allocates, by type; anything else goes to BenchmarkDotNet (the loop and file-tool benchmarks).
if (args is ["--profile", ..])
{
    var sessions = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
    await AllocationProfile.RunAsync(sessions).ConfigureAwait(false);
    return 0;
}

if (args is ["--suite", var suite, ..])
{
    int Repetitions(int fallback) => args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : fallback;
    await Machine.PrintAsync("start").ConfigureAwait(false);
    switch (suite)
    {
        case "loop":
            BenchmarkRunner.Run<LoopOverheadBenchmarks>(args: args[2..]);
            break;
        case "files":
            BenchmarkRunner.Run<FileToolBenchmarks>(args: args[2..]);
            break;
        case "search":
            await SearchSuite.RunAsync(Repetitions(15)).ConfigureAwait(false);
            break;
        case "workspace":
            await WorkspaceSuite.RunAsync(Repetitions(9)).ConfigureAwait(false);
            break;
        case "git-session":
            await GitSessionSuite.RunAsync(Repetitions(15), args.Length > 3 ? args[3] : null).ConfigureAwait(false);
            break;
        case "validators":
            await ValidatorSuite.RunAsync(Repetitions(5)).ConfigureAwait(false);
            break;
        case "host-load":
            return await HostLoadSuite.RunAsync(Repetitions(100), args.Length > 3 ? args[3] : "2,4").ConfigureAwait(false);
        case "caching":
            await Honk.Benchmarks.Suites.Caching.CachingSuite.RunAsync(Repetitions(30)).ConfigureAwait(false);
            break;
        case "session-cost":
            await SessionCostSuite.RunAsync(Repetitions(9), args.Length > 3 ? args[3] : null).ConfigureAwait(false);
            break;
        case "campaign-dispatch":
            await CampaignDispatchSuite.RunAsync(Repetitions(1000)).ConfigureAwait(false);
            break;
        case "campaign-sessions":
            await CampaignSessionsSuite.RunAsync(Repetitions(100), args.Length > 3 ? args[3] : null, args.Length > 4 ? args[4] : null).ConfigureAwait(false);
            break;
        default:
            await Console.Error.WriteLineAsync($"unknown suite '{suite}': use loop, files, search, workspace, git-session, validators, host-load, caching, session-cost, campaign-dispatch or campaign-sessions").ConfigureAwait(false);
            return 2;
    }

    await Machine.PrintAsync("end").ConfigureAwait(false);
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(LoopOverheadBenchmarks).Assembly).Run(args);
return 0;
