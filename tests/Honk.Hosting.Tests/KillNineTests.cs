using System.Diagnostics;
using System.Text.Json;
using Honk.Tasks;
using Honk.Testing;
using Xunit.Sdk;

namespace Honk.Hosting.Tests;

/// <summary>
/// Kills the host process with SIGKILL at many points of real sessions (real git, a real remote, a scripted model)
/// and restarts it: every session must end, each pushed branch must exist once with one delivered commit, and the
/// effects ledger must agree with the remote.
/// </summary>
[Trait("Category", "KillNine")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KillNineTests
{
    private const int Kills = 22;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HostKilledManyTimes_EverySessionEnds_NoPushRepeated()
    {
        using var root = new TemporaryDirectory("honk-kill");
        await using var source = await TemporaryGitRepository.CreateAsync(new Dictionary<string, string> { ["README.md"] = "kill test\n" }, Ct);
        var remote = Path.Combine(root.Path, "remote.git");
        await Git.RunAsync(root.Path, ["clone", "--quiet", "--bare", source.Path, remote], Ct);
        var pushLog = Path.Combine(root.Path, "pushes.log");
        var hook = Path.Combine(remote, "hooks", "post-receive");
        await File.WriteAllTextAsync(hook, $"#!/bin/sh\nwhile read old new ref; do echo \"$ref $new\" >> '{pushLog}'; done\n", Ct);
        File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var database = Path.Combine(root.Path, "honk.db");
        var store = new SqliteSessionStore(database);
        await store.InitializeAsync(Ct);
        var submitter = new HonkHost(store);
        var ids = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            ids.Add(await SubmitAsync(submitter, root.Path, remote, i));
        }

        var random = new Random(7);
        var log = new List<string>();
        for (var kill = 0; kill < Kills; kill++)
        {
            using var host = await StartHostAsync(database, root.Path, log);
            if (kill % 2 == 0)
            {
                await Task.Delay(random.Next(150, 1400), Ct);
            }
            else
            {
                // Right after a push lands: the window between the effect and its recorded outcome.
                var before = PushCount(pushLog);
                var deadline = Stopwatch.StartNew();
                while (PushCount(pushLog) == before && deadline.ElapsedMilliseconds < 2500)
                {
                    await Task.Delay(5, Ct);
                }

                await Task.Delay(random.Next(0, 40), Ct);
            }

            host.Kill();
            await host.WaitForExitAsync(Ct);
            if (kill == 10)
            {
                for (var i = 10; i < 14; i++)
                {
                    ids.Add(await SubmitAsync(submitter, root.Path, remote, i));
                }
            }
        }

        using (var last = await StartHostAsync(database, root.Path, log))
        {
            // Wait while sessions keep finishing: a busy machine may need minutes for the last ones, a stuck host
            // finishes none for two minutes.
            var sinceProgress = Stopwatch.StartNew();
            var finished = 0;
            while (sinceProgress.Elapsed < TimeSpan.FromSeconds(120))
            {
                var records = await Task.WhenAll(ids.Select(id => store.GetAsync(id, Ct)));
                var final = records.Count(r => r!.Status.IsFinal());
                if (final == records.Length)
                {
                    break;
                }

                if (final > finished)
                {
                    finished = final;
                    sinceProgress.Restart();
                }

                await Task.Delay(200, Ct);
            }

            last.Kill();
            await last.WaitForExitAsync(Ct);
        }

        var pushes = File.Exists(pushLog) ? await File.ReadAllLinesAsync(pushLog, Ct) : [];
        var attempts = 0;
        foreach (var id in ids)
        {
            var record = (await store.GetAsync(id, Ct))!;
            attempts += record.Attempts;
            var because = $"session {id}: {record.Status.ToWireName()} {record.Result?.Message}\nhost output:\n{string.Join('\n', log.TakeLast(40))}";
            if (record.Status != HostedSessionStatus.Succeeded)
            {
                throw new XunitException(because);
            }

            // The branch exists once, holds exactly one commit over main, and that commit is this session's.
            var tip = await Git.RunAsync(remote, ["rev-parse", "--verify", $"refs/heads/{record.Branch}"], Ct);
            Assert.Equal("1", await Git.RunAsync(remote, ["rev-list", "--count", $"main..{record.Branch}"], Ct));
            Assert.Equal(id, await Git.RunAsync(remote, ["log", "-1", "--format=%(trailers:key=Honk-Session,valueonly)", tip], Ct));
            Assert.Single(pushes, line => line.StartsWith($"refs/heads/{record.Branch} ", StringComparison.Ordinal));

            // The ledger agrees with the remote.
            var effect = await store.GetEffectAsync(id, LedgeredDeliveryChannel.EffectKey("push"), Ct);
            Assert.Equal(EffectState.Succeeded, effect!.State);
            Assert.Equal(tip, JsonSerializer.Deserialize<DeliveryResult>(effect.OutcomeJson!, HostingJson.Options)!.Commit);

            // The stored stream is gap-free and ends with exactly one completion.
            var events = await store.ReadEventsAsync(id, 0, 10_000, Ct);
            Assert.Equal(Enumerable.Range(1, events.Count).Select(n => (long)n), events.Select(e => e.Sequence));
            Assert.Single(events.OfType<SessionCompleted>());
            Assert.IsType<SessionCompleted>(events[^1]);
        }

        Assert.Equal(ids.Count, pushes.Length);
        Assert.True(attempts > ids.Count, $"The kills never interrupted a session ({attempts} attempts for {ids.Count} sessions).");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private static async Task<string> SubmitAsync(HonkHost host, string root, string remote, int n)
    {
        var script = Path.Combine(root, $"script-{n}.json");
        var json = JsonSerializer.Serialize(new
        {
            turns = new object[]
            {
                new { delayMs = 150, toolCalls = new[] { new { name = "write_file", arguments = new { path = $"notes/{n}.txt", content = $"note {n}\n" } } } },
                new { delayMs = 100, text = $"Wrote note {n}." },
            },
        });
        await File.WriteAllTextAsync(script, json, Ct);
        return await host.SubmitAsync(
            new SessionRequest { Repository = remote, Task = new CodingTask($"Write note {n}") { Title = $"note {n}" }, Model = "script:" + script, Delivery = [TaskDelivery.Push] },
            Ct);
    }

    private static int PushCount(string path) => File.Exists(path) ? File.ReadAllLines(path).Length : 0;

    /// <summary>
    /// Starts a host and returns once it is running (it prints <c>ready</c>), so the kill windows fall in its work and
    /// not in the runtime's start-up, which takes seconds on a loaded machine.
    /// </summary>
    private static async Task<Process> StartHostAsync(string database, string work, List<string> log)
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var baseDirectory = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var configuration = Path.GetFileName(Path.GetDirectoryName(baseDirectory)!);
        var dll = Path.GetFullPath(Path.Combine(baseDirectory, "..", "..", "..", "..", "Honk.Hosting.TestHost", "bin", configuration, "net10.0", "Honk.Hosting.TestHost.dll"));
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add(database);
        start.ArgumentList.Add(work);
        start.ArgumentList.Add("kill-test-host");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromMinutes(2), Ct);
        return process;

        void Append(string? line)
        {
            if (line == "ready")
            {
                ready.TrySetResult();
            }

            if (line is not null)
            {
                lock (log)
                {
                    log.Add(line);
                }
            }
        }
    }
}
