using System.Globalization;
using Honk.Benchmarks.Harness;
using Honk.Workspaces.Git;

namespace Honk.Benchmarks.Suites;

/// <summary>
/// Issue 4, item 4: <see cref="GitWorkspaceProvider.AcquireGitWorkspaceAsync"/> from a warm mirror of the corpus
/// against a raw <c>git worktree add -b BRANCH FOLDER HEAD</c> on the same repository. Removal is not timed on either
/// side. A second pass runs the provider through a git wrapper that logs each git command's duration, to show where
/// the acquire's time goes.
/// </summary>
internal static class WorkspaceSuite
{
    public static async Task RunAsync(int repetitions)
    {
        var corpus = await Corpus.EnsureAsync().ConfigureAwait(false);
        await Corpus.DescribeAsync(corpus).ConfigureAwait(false);
        var scratch = Path.Combine(Machine.TempRoot, "workspace-suite");
        DeleteFolder(scratch);
        Directory.CreateDirectory(scratch);
        try
        {
            var provider = new GitWorkspaceProvider(new GitWorkspaceOptions { CacheRoot = Path.Combine(scratch, "cache") });

            // Warm: the mirror exists and was fetched once.
            await (await provider.AcquireGitWorkspaceAsync(new WorkspaceRequest(corpus, "warmup-session")).ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);

            GitWorkspace? held = null;
            string? rawFolder = null;
            var n = 0;
            var samples = await Measure.SideBySideAsync(repetitions, 1,
                ("raw git worktree add", async () => rawFolder = await RemoveRawAsync(corpus, rawFolder).ConfigureAwait(false),
                    async () =>
                    {
                        rawFolder = Path.Combine(scratch, "raw-" + (++n).ToString(CultureInfo.InvariantCulture));
                        await Proc.GitAsync(corpus, "worktree", "add", "--quiet", "-b", "bench/" + Path.GetFileName(rawFolder), rawFolder, "HEAD").ConfigureAwait(false);
                    }),
                ("Honk acquire (warm mirror)", async () => held = await ReleaseAsync(held).ConfigureAwait(false),
                    async () => held = await provider.AcquireGitWorkspaceAsync(new WorkspaceRequest(corpus, $"bench-session-{++n}")).ConfigureAwait(false))).ConfigureAwait(false);
            await ReleaseAsync(held).ConfigureAwait(false);
            await RemoveRawAsync(corpus, rawFolder).ConfigureAwait(false);

            Console.WriteLine();
            Console.WriteLine("| operation | median (ms) | min | max | ÷ raw |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
            foreach (var sample in samples)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {sample.Name} | {sample.MedianMs:0.0} | {sample.MinMs:0.0} | {sample.MaxMs:0.0} | {sample.MedianMs / samples[0].MedianMs:0.00}× |"));
            }

            await ProfileAsync(corpus, scratch, repetitions).ConfigureAwait(false);
        }
        finally
        {
            await Proc.RunAsync(corpus, "git", ["worktree", "prune"]).ConfigureAwait(false);
            DeleteFolder(scratch);
        }
    }

    /// <summary>Every git command the provider runs, with its median duration over the repetitions (through a logging wrapper).</summary>
    private static async Task ProfileAsync(string corpus, string scratch, int repetitions)
    {
        var log = Path.Combine(scratch, "git-times.log");
        var wrapper = Path.Combine(scratch, "git-timed");
        await File.WriteAllTextAsync(wrapper, $"""
            #!/bin/sh
            s=$(date +%s%N)
            git "$@"
            rc=$?
            e=$(date +%s%N)
            echo "$(( (e - s) / 1000 )) $*" >> '{log}'
            exit $rc

            """).ConfigureAwait(false);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the workspace suite runs on Linux");
        }

        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var provider = new GitWorkspaceProvider(new GitWorkspaceOptions { CacheRoot = Path.Combine(scratch, "cache-profiled"), GitExecutable = wrapper });
        await (await provider.AcquireGitWorkspaceAsync(new WorkspaceRequest(corpus, "warmup-profiled")).ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        File.Delete(log);
        var total = new List<double>();
        for (var i = 0; i < repetitions; i++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var workspace = await provider.AcquireGitWorkspaceAsync(new WorkspaceRequest(corpus, $"profiled-{i}")).ConfigureAwait(false);
            total.Add(clock.Elapsed.TotalMilliseconds);
            await File.AppendAllTextAsync(log, "-1 --acquired--\n").ConfigureAwait(false);
            await workspace.DisposeAsync().ConfigureAwait(false);
            await File.AppendAllTextAsync(log, "-1 --disposed--\n").ConfigureAwait(false);
        }

        // Only the commands between a "--disposed--" (or the start) and the next "--acquired--" belong to an acquire.
        var perCommand = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var inAcquire = true;
        foreach (var line in await File.ReadAllLinesAsync(log).ConfigureAwait(false))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var micros = double.Parse(line[..space], CultureInfo.InvariantCulture);
            var command = line[(space + 1)..];
            if (micros < 0)
            {
                inAcquire = command == "--disposed--";
                continue;
            }

            if (inAcquire)
            {
                var key = Shorten(command, scratch, corpus);
                if (!perCommand.TryGetValue(key, out var list))
                {
                    perCommand[key] = list = [];
                }

                list.Add(micros / 1000);
            }
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Acquire through the timing wrapper: median {new Sample("x", [.. total.Select(TimeSpan.FromMilliseconds)]).MedianMs:0.0} ms; git commands per acquire:"));
        Console.WriteLine();
        Console.WriteLine("| git command (per acquire) | calls/acquire | median ms per call |");
        Console.WriteLine("| --- | ---: | ---: |");
        foreach (var (command, times) in perCommand)
        {
            var sample = new Sample(command, [.. times.Select(TimeSpan.FromMilliseconds)]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| `{command}` | {times.Count / (double)repetitions:0.#} | {sample.MedianMs:0.0} |"));
        }
    }

    private static string Shorten(string command, string scratch, string corpus)
    {
        // Drop the global options (-C folder, -c key=value) the provider puts before every subcommand.
        var words = command.Replace(scratch, "<scratch>", StringComparison.Ordinal).Replace(corpus, "<corpus>", StringComparison.Ordinal).Split(' ').ToList();
        while (words.Count > 1 && words[0] is "-C" or "-c")
        {
            words.RemoveRange(0, 2);
        }

        return string.Join(' ', words.Select(w => w.Contains('/', StringComparison.Ordinal) || w.Length >= 40 ? "…" : w));
    }

    private static async Task<GitWorkspace?> ReleaseAsync(GitWorkspace? workspace)
    {
        if (workspace is not null)
        {
            await workspace.DisposeAsync().ConfigureAwait(false);
        }

        return null;
    }

    private static async Task<string?> RemoveRawAsync(string corpus, string? folder)
    {
        if (folder is not null)
        {
            await Proc.GitAsync(corpus, "worktree", "remove", "--force", folder).ConfigureAwait(false);
            await Proc.GitAsync(corpus, "branch", "-D", "bench/" + Path.GetFileName(folder)).ConfigureAwait(false);
        }

        return null;
    }

    private static void DeleteFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
