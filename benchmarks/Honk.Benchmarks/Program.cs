using BenchmarkDotNet.Running;
using Honk.Benchmarks;

// `-- --profile [sessions]` samples what Honk allocates, by type; anything else goes to BenchmarkDotNet.
if (args is ["--profile", ..])
{
    var sessions = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2000;
    await AllocationProfile.RunAsync(sessions).ConfigureAwait(false);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(LoopOverheadBenchmarks).Assembly).Run(args);
