using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Honk.Delivery.Tests.GitHub;
using Honk.Hosting;

namespace Honk.Server.Tests.PullRequests;

/// <summary>
/// A pull request that truly conflicts with its base, through <c>honk serve</c>'s own builder against the loopback
/// GitHub, whose <c>mergeable</c> is computed with real git from the bare remote the sessions push to: the base gets a
/// commit on the same line, GitHub says <c>dirty</c>, a clean rebase is impossible, so a conflict round starts from a
/// prepared merge (markers in the file, <c>MERGE_HEAD</c> set); the scripted model resolves the file, and delivery
/// pushes one merge commit whose parents are the pull request's head and the base commit; GitHub then says mergeable,
/// and Approve merges. A model that leaves the markers in is refused by the stop gate, which names the file and line,
/// and the round is not started again for the same head.
/// </summary>
public sealed class PullRequestConflictEndToEndTests : IDisposable
{
    private const string Resolved = "namespace Shop;\n\npublic class Cart\n{\n    public decimal Total(Item[] items) => items.Sum(i => i.Price * i.Quantity) - 1;\n}\n";
    private readonly GitRepo _repo = new();
    private readonly string _data = Directory.CreateTempSubdirectory("honk-pr-conflict-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ConflictingPullRequest_RoundResolvesAPreparedMerge_MergeCommitWithBothParents_GitHubSaysMergeable_ApproveMerges()
    {
        var script = Path.Combine(_data, "model.json");
        File.WriteAllText(script, FeeScript);
        await using var github = new FakeGitHub { BranchTip = _repo.Tip, Conflicts = Conflicts };
        await using var app = await PullRequestHostApp.StartAsync(Path.Combine(_data, "state"), script, github);
        var (root, branch) = await DeliverFeeAsync(app);
        var head = _repo.Tip(branch)!;

        // The base changes the very line the pull request changed: GitHub now says it conflicts.
        var baseCommit = PushConflictingBase();
        File.WriteAllText(script, Turns(
            new { name = "read_file", arguments = (object)new { path = "src/Cart.cs" } },
            new { name = "write_file", arguments = (object)new { path = "src/Cart.cs", content = Resolved } },
            new { name = "git", arguments = (object)new { args = "add src/Cart.cs" } }));
        app.Watch.Wake();

        var round = await app.CompletedAsync(await PullRequestHostApp.WaitForAsync("the conflict round", async () =>
            await app.Host.GetAsync(root.Id + "-rebase-1", Ct) is { } r ? r.Id : null));
        Assert.True(round.Status == HostedSessionStatus.Succeeded, Describe(round));
        Assert.Contains("src/Cart.cs", round.Request.Task.Goal, StringComparison.Ordinal);
        Assert.Contains("conflict markers", round.Request.Task.Goal, StringComparison.Ordinal);

        // One merge commit with both parents, pushed on the pull request's branch; the same pull request.
        var merged = _repo.Tip(branch)!;
        Assert.Equal(round.Result!.Commit, merged);
        Assert.Equal($"{merged} {head} {baseCommit}", RemoteGit("rev-list", "--parents", "-n", "1", merged).Trim());
        Assert.Equal(Resolved, RemoteGit("show", merged + ":src/Cart.cs"));
        Assert.Contains("Honk-Session: " + round.Id, RemoteGit("log", "-1", "--format=%B", merged), StringComparison.Ordinal);
        Assert.Single(github.PullRequests);
        Assert.Single(github.Requests, r => r.Method == "POST" && r.Path.EndsWith("/pulls", StringComparison.Ordinal));

        // GitHub (computing it from git) says mergeable; green checks on the merge commit; Approve merges that head.
        Assert.False(Conflicts(baseCommit, merged));
        github.AddCheckRun(merged, "test", conclusion: "success");
        app.Watch.Wake();
        await PullRequestHostApp.WaitForAsync("the green checks on the merge commit", async () =>
            await app.Host.Store.GetEffectAsync(root.Id, "pr-checks:" + merged, Ct) is { State: EffectState.Succeeded } e ? e : null);
        using var approve = await app.Client.PostAsync(ServerApp.FormAction($"review/{root.Id}/approve", app.SessionToken(root.Id, HonkServer.OperatorLogin)), new FormUrlEncodedContent([new("t", app.SessionToken(root.Id, HonkServer.OperatorLogin))]), Ct);
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        Assert.Contains("Approved", Uri.UnescapeDataString(approve.Headers.Location!.ToString()), StringComparison.Ordinal);
        Assert.Equal(merged, Assert.Single(github.Requests, r => r.Method == "PUT").Json["sha"]!.GetValue<string>());
        Assert.True(github.PullRequests[0]["merged"]!.GetValue<bool>());
        Assert.Null(await app.Host.GetAsync(root.Id + "-rebase-2", Ct));
    }

    [Fact]
    public async Task ModelLeavesTheMarkersIn_StopGateRefusesNamingTheFile_RoundNotRepeated()
    {
        var script = Path.Combine(_data, "model.json");
        File.WriteAllText(script, FeeScript);
        await using var github = new FakeGitHub { BranchTip = _repo.Tip, Conflicts = Conflicts };
        await using var app = await PullRequestHostApp.StartAsync(Path.Combine(_data, "state"), script, github, "--Honk:PullRequests:MaxRebaseRounds=2");
        var (root, branch) = await DeliverFeeAsync(app);
        var head = _repo.Tip(branch)!;
        PushConflictingBase();

        // It only stages the file, markers and all, and says it is done (every time it is sent back).
        File.WriteAllText(script, Turns(new { name = "git", arguments = (object)new { args = "add src/Cart.cs" } }));
        app.Watch.Wake();

        var round = await app.CompletedAsync(await PullRequestHostApp.WaitForAsync("the conflict round", async () =>
            await app.Host.GetAsync(root.Id + "-rebase-1", Ct) is { } r ? r.Id : null));
        Assert.NotEqual(HostedSessionStatus.Succeeded, round.Status);
        var gate = Assert.Single(round.Result!.Validators, v => v.Name == MergeConflictValidator.ValidatorName);
        Assert.False(gate.Result.Passed);
        Assert.Contains("src/Cart.cs:5", gate.Result.Summary, StringComparison.Ordinal);
        Assert.Contains(gate.Result.Findings, f => f is { File: "src/Cart.cs", Line: 5 });
        Assert.Equal(head, _repo.Tip(branch));

        // The next looks say Honk stopped, once; no second round for the same head, however often it is woken.
        await PullRequestHostApp.WaitForAsync("the comment saying Honk stopped", () => Task.FromResult(github.Comments(1).FirstOrDefault(c => c.Contains("could not resolve the conflicts", StringComparison.Ordinal))));
        for (var i = 0; i < 3; i++)
        {
            var step = await app.Watch.Watcher!.CheckAsync(root.Id, Ct);
            Assert.Equal(PullRequestStepKind.GaveUp, step.Kind);
        }

        Assert.Null(await app.Host.GetAsync(root.Id + "-rebase-2", Ct));
        Assert.Single(github.Comments(1), c => c.Contains("could not resolve the conflicts", StringComparison.Ordinal));
        Assert.Equal(head, _repo.Tip(branch));
    }

    public void Dispose()
    {
        _repo.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string FeeScript => Turns(new { name = "edit_file", arguments = (object)new Dictionary<string, string> { ["path"] = "src/Cart.cs", ["old_text"] = "items.Sum(i => i.Price)", ["new_text"] = "items.Sum(i => i.Price) - 1" } });

    /// <summary>A script: one turn per tool call, then "done" (repeated, so a model sent back says it again).</summary>
    private static string Turns(params object[] calls) => JsonSerializer.Serialize(new
    {
        turns = calls.Select(c => (object)new { toolCalls = new[] { c } })
            .Concat(Enumerable.Repeat((object)new { text = "Resolved the conflict." }, 4)).ToArray(),
    });

    private async Task<(SessionView Root, string Branch)> DeliverFeeAsync(PullRequestHostApp app)
    {
        var root = await app.SubmitAsync(_repo.Remote, "Add a handling fee to Cart.Total");
        var delivered = await app.CompletedAsync(root.Id);
        Assert.True(delivered.Status == HostedSessionStatus.Succeeded, Describe(delivered));
        Assert.False(Conflicts(_repo.Tip("main")!, _repo.Tip(delivered.Result!.Branch!)!));
        return (root, delivered.Result.Branch!);
    }

    /// <summary>Someone changes the same line on main (prices now count quantities) and pushes; returns the new base commit.</summary>
    private string PushConflictingBase()
    {
        var other = Path.Combine(_repo.Root, "other");
        GitRepo.Git(_repo.Root, "clone", "-q", _repo.Remote, other);
        File.WriteAllText(Path.Combine(other, "src", "Cart.cs"), "namespace Shop;\n\npublic class Cart\n{\n    public decimal Total(Item[] items) => items.Sum(i => i.Price * i.Quantity);\n}\n");
        GitRepo.Git(other, "add", ".");
        GitRepo.Git(other, "-c", "user.name=dev", "-c", "user.email=dev@example.com", "commit", "-qm", "quantities");
        GitRepo.Git(other, "push", "-q", "origin", "HEAD:main");
        return _repo.Tip("main")!;
    }


    private string RemoteGit(params string[] args) => GitRepo.Git(_repo.Root, ["--git-dir", _repo.Remote, .. args]);

    /// <summary>What GitHub computes: whether merging the head into the base would conflict (git's own three-way merge).</summary>
    private bool Conflicts(string baseSha, string headSha)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--git-dir", _repo.Remote, "merge-tree", "--write-tree", "--no-messages", baseSha, headSha })
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        _ = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode switch
        {
            0 => false,
            1 => true,
            _ => throw new InvalidOperationException("git merge-tree failed: " + error),
        };
    }

    private static string Describe(SessionRecord record) => $"{record.Id}: {record.Status.ToWireName()}: {record.Result?.Message}";
}
