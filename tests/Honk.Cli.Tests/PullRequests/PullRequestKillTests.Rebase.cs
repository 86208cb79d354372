using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Honk.Delivery.Tests.GitHub;

namespace Honk.Cli.Tests.PullRequests;

/// <summary>
/// <c>honk serve</c> killed with SIGKILL between a clean rebase's push and its record (<c>pr-rebased:&lt;sha&gt;</c>):
/// the remote's <c>post-receive</c> hook (which runs after the branch moved) holds the push until the test has killed
/// the host. After the restart the rebased head is recognised (the record begun before the push names it), recorded and
/// announced once; nothing is rebased or pushed again, and Approve merges that head.
/// </summary>
public sealed partial class PullRequestKillTests
{
    [Fact]
    public async Task KilledBetweenTheCleanRebasesPushAndItsRecord_TheRestartRecordsIt_NothingRedone_ApproveMergesIt()
    {
        SeedRemote();
        var script = Path.Combine(_root, "model.json");
        File.WriteAllText(script, Script("items.Sum(i => i.Price)", "items.Sum(i => i.Price) - 1", "Added the handling fee."));
        await using var github = new FakeGitHub { BranchTip = Tip };
        string[] args =
        [
            "serve", "--urls", "http://127.0.0.1:0", $"--Honk:Model=script:{script}", "--host-id", "kill-rebase", "--state-dir", Path.Combine(_root, "state"),
            "--unsafe-no-sandbox", "--github-token", FakeGitHub.Token, $"--Honk:GitHubApiUrl={github.ApiUrl}", "--api-client", $"ci:trigger:{ClientKey}",
            "--repository", $"shop={Remote}", "--Honk:PullRequests:Deliver=true", "--Honk:PullRequests:Repository=octo/repo",
            "--Honk:PullRequests:PollInterval=00:00:01", "--Honk:PullRequests:RebaseWhenBehind=true", $"--Honk:LinkSigningKey={LinkKey}",
        ];
        _kill = new ServeKillSwitch(_root, new Dictionary<string, string?>(), args);
        await _kill.StartAsync();
        using var created = await Api().PostAsync("api/sessions", new StringContent(JsonSerializer.Serialize(new { repository = "shop", task = "Add a handling fee to Cart.Total" }), Encoding.UTF8, "application/json"), Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Accepted, await created.Content.ReadAsStringAsync(Ct) + _kill.Serve.Output);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("id").GetString()!;
        var root = await CompletedAsync(id);
        var branch = root.GetProperty("result").GetProperty("branch").GetString()!;
        var before = Tip(branch)!;

        // The base moves on (another file); from now on a push to the pull request's branch is held by the hook.
        var other = Path.Combine(_root, "other");
        Git("clone", "-q", Remote, other);
        File.WriteAllText(Path.Combine(other, "README.md"), "# Shop\n");
        Git("-C", other, "add", ".");
        Git("-C", other, "-c", "user.name=dev", "-c", "user.email=dev@example.com", "commit", "-qm", "readme");
        Git("-C", other, "push", "-q", "origin", "HEAD:main");
        var pushed = Path.Combine(_root, "pushed");
        var release = Path.Combine(_root, "release");
        HoldPushesTo(branch, pushed, release);
        github.SetPull(1, mergeableState: "behind");

        // Killed once the rebased branch is on the remote, before Honk heard back from git.
        var watch = Stopwatch.StartNew();
        while (!File.Exists(pushed))
        {
            Assert.True(watch.Elapsed < TimeSpan.FromMinutes(4), "The clean rebase was never pushed." + _kill.Serve.Output);
            await Task.Delay(100, Ct);
        }

        _kill.Serve.KillNow();
        File.WriteAllText(release, "");
        var rebased = Tip(branch)!;
        Assert.NotEqual(before, rebased);
        Assert.Equal(Tip("main"), Git("--git-dir", Remote, "rev-parse", rebased + "~1").Trim());
        Assert.DoesNotContain(github.Comments(1), c => c.Contains("Rebased", StringComparison.Ordinal));
        await _kill.Serve.DisposeAsync();
        File.Delete(Path.Combine(Remote, "hooks", "post-receive"));

        // Restarted: the head is recognised as the rebase and announced once; nothing rebased or pushed again.
        await _kill.StartAsync();
        var watchRestart = Stopwatch.StartNew();
        while (!github.Comments(1).Any(c => c.Contains("Rebased", StringComparison.Ordinal)))
        {
            Assert.True(watchRestart.Elapsed < TimeSpan.FromMinutes(4), "The restarted host never recorded the rebase." + _kill.Serve.Output);
            await Task.Delay(200, Ct);
        }

        github.AddCheckRun(rebased, "test", conclusion: "success");
        using (var approve = await Approve(id))
        {
            Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
            Assert.Contains("Approved", Uri.UnescapeDataString(approve.Headers.Location!.ToString()), StringComparison.Ordinal);
        }

        Assert.Equal(rebased, Assert.Single(github.Requests, r => r.Method == "PUT").Json["sha"]!.GetValue<string>());
        Assert.Single(github.Comments(1), c => c.Contains("Rebased", StringComparison.Ordinal));
        Assert.Equal(rebased, Tip(branch));
        using var round = await Api().GetAsync($"api/sessions/{id}-rebase-1", Ct);
        Assert.Equal(HttpStatusCode.NotFound, round.StatusCode);
    }

    /// <summary>
    /// A <c>post-receive</c> hook in the remote (it runs once the branch has moved) that, for a push to
    /// <paramref name="branch"/>, says so in <paramref name="pushed"/> and waits for <paramref name="release"/> (at most
    /// five minutes), so the pusher's answer comes only after the test has killed it.
    /// </summary>
    private void HoldPushesTo(string branch, string pushed, string release)
    {
        var hook = Path.Combine(Remote, "hooks", "post-receive");
        File.WriteAllText(hook, $$"""
            #!/bin/sh
            while read old new ref; do
              if [ "$ref" = "refs/heads/{{branch}}" ]; then
                touch '{{pushed}}'
                i=0
                while [ ! -e '{{release}}' ] && [ $i -lt 3000 ]; do sleep 0.1; i=$((i+1)); done
              fi
            done
            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
