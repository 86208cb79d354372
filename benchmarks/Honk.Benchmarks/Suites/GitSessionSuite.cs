using System.Globalization;
using Honk.Benchmarks.Harness;
using Honk.Workspaces.Git;

namespace Honk.Benchmarks.Suites;

/// <summary>
/// Issue 13, item 6: the git time of one session's workspace, step by step: acquire a worktree from a warm mirror, the
/// per-turn status fingerprint (5 turns), the changed-file list, the diff, the commit, and the release. The session
/// edits 3 files and adds 1 between the acquire and the first fingerprint (untimed). Two providers run side by side,
/// session by session: <see cref="GitWorkspaceOptions.InProcessGit"/> off (every step through the git program, as
/// before the Honk.Git layer) and on (refs, status and commits in process through LibGit2Sharp).
/// </summary>
internal static class GitSessionSuite
{
    private const int Turns = 5;

    public static async Task RunAsync(int repetitions, string? repository)
    {
        var scratch = Path.Combine(Machine.TempRoot, "git-session-suite");
        DeleteFolder(scratch);
        Directory.CreateDirectory(scratch);
        try
        {
            var source = repository ?? await CreateRepositoryAsync(Path.Combine(scratch, "source")).ConfigureAwait(false);
            var tracked = (await Proc.GitAsync(source, "ls-files").ConfigureAwait(false)).StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"repository: {(repository is null ? "generated" : repository)}, {tracked.Length} tracked files"));
            var editable = tracked.Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".h", StringComparison.Ordinal) || f.EndsWith(".py", StringComparison.Ordinal)).Take(3).ToArray();
            var modes = new[] { (Name: "git CLI only", InProcess: false), (Name: "Honk.Git (LibGit2Sharp + CLI)", InProcess: true) };
            var providers = modes.Select(m => new GitWorkspaceProvider(new GitWorkspaceOptions { CacheRoot = Path.Combine(scratch, "cache-" + m.InProcess), InProcessGit = m.InProcess })).ToArray();
            foreach (var provider in providers)
            {
                await (await provider.AcquireGitWorkspaceAsync(new WorkspaceRequest(source, "warmup-session")).ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
            }

            string[] steps = ["acquire", $"status ×{Turns}", "changed files", "diff", "commit", "release", "session total"];
            var times = modes.Select(_ => steps.ToDictionary(s => s, _ => new List<TimeSpan>(), StringComparer.Ordinal)).ToArray();
            for (var round = 0; round < repetitions + 1; round++)
            {
                for (var m = 0; m < modes.Length; m++)
                {
                    var measured = await RunSessionAsync(providers[m], source, editable, $"bench-{m}-{round}").ConfigureAwait(false);
                    if (round > 0)
                    {
                        foreach (var (step, time) in measured)
                        {
                            times[m][step].Add(time);
                        }
                    }
                }
            }

            Console.WriteLine();
            Console.WriteLine($"| step | {modes[0].Name}: median ms (min–max) | {modes[1].Name}: median ms (min–max) | after ÷ before |");
            Console.WriteLine("| --- | ---: | ---: | ---: |");
            foreach (var step in steps)
            {
                var before = new Sample(step, times[0][step]);
                var after = new Sample(step, times[1][step]);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {step} | {before.MedianMs:0.0} ({before.MinMs:0}–{before.MaxMs:0}) | {after.MedianMs:0.0} ({after.MinMs:0}–{after.MaxMs:0}) | {after.MedianMs / before.MedianMs:0.00}× |"));
            }
        }
        finally
        {
            DeleteFolder(scratch);
        }
    }

    private static async Task<Dictionary<string, TimeSpan>> RunSessionAsync(GitWorkspaceProvider provider, string source, string[] editable, string sessionId)
    {
        var measured = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var workspace = await provider.AcquireGitWorkspaceAsync(new WorkspaceRequest(source, sessionId) { Label = "bench" }).ConfigureAwait(false);
        measured["acquire"] = clock.Elapsed;
        foreach (var file in editable)
        {
            await File.AppendAllTextAsync(Path.Combine(workspace.RootPath, file), "\n// edited by the benchmark\n").ConfigureAwait(false);
        }

        await File.WriteAllTextAsync(Path.Combine(workspace.RootPath, "NEW_FILE.md"), "# new\n").ConfigureAwait(false);
        clock.Restart();
        for (var turn = 0; turn < Turns; turn++)
        {
            _ = await workspace.GetFingerprintAsync().ConfigureAwait(false);
        }

        measured[$"status ×{Turns}"] = clock.Elapsed;
        clock.Restart();
        var changed = await workspace.GetChangedFilesAsync().ConfigureAwait(false);
        measured["changed files"] = clock.Elapsed;
        clock.Restart();
        var diff = await workspace.GetDiffAsync().ConfigureAwait(false);
        measured["diff"] = clock.Elapsed;
        clock.Restart();
        var commit = await workspace.CommitAsync("Benchmark change").ConfigureAwait(false);
        measured["commit"] = clock.Elapsed;
        clock.Restart();
        await workspace.DisposeAsync().ConfigureAwait(false);
        measured["release"] = clock.Elapsed;
        measured["session total"] = measured.Values.Aggregate(TimeSpan.Zero, (a, b) => a + b);
        if (changed.Count != editable.Length + 1 || diff.Length == 0 || !commit.Committed)
        {
            throw new InvalidOperationException($"unexpected session: {changed.Count} changed files, {diff.Length} diff chars, committed {commit.Committed}");
        }

        return measured;
    }

    /// <summary>A small project: 40 folders of 5 C# files (about 60 lines each) plus a README, one commit.</summary>
    private static async Task<string> CreateRepositoryAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        for (var d = 0; d < 40; d++)
        {
            var sub = Path.Combine(folder, "src", "Module" + d.ToString("00", CultureInfo.InvariantCulture));
            Directory.CreateDirectory(sub);
            for (var f = 0; f < 5; f++)
            {
                var lines = Enumerable.Range(0, 60).Select(i => string.Create(CultureInfo.InvariantCulture, $"    public int Value{i}() => {d * 1000 + f * 100 + i};"));
                await File.WriteAllTextAsync(
                    Path.Combine(sub, $"Type{f}.cs"),
                    $"namespace Module{d};\n\npublic sealed class Type{f}\n{{\n{string.Join('\n', lines)}\n}}\n").ConfigureAwait(false);
            }
        }

        await File.WriteAllTextAsync(Path.Combine(folder, "README.md"), "# generated\n").ConfigureAwait(false);
        var identity = new Dictionary<string, string>
        {
            ["GIT_AUTHOR_NAME"] = "Bench", ["GIT_AUTHOR_EMAIL"] = "bench@example.invalid",
            ["GIT_COMMITTER_NAME"] = "Bench", ["GIT_COMMITTER_EMAIL"] = "bench@example.invalid",
        };
        await Proc.RunAsync(folder, "git", ["init", "--quiet", "--initial-branch=main"], check: true).ConfigureAwait(false);
        await Proc.RunAsync(folder, "git", ["add", "--all"], check: true).ConfigureAwait(false);
        await Proc.RunAsync(folder, "git", ["-c", "commit.gpgSign=false", "commit", "--quiet", "-m", "Initial"], identity, check: true).ConfigureAwait(false);
        return folder;
    }

    private static void DeleteFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
