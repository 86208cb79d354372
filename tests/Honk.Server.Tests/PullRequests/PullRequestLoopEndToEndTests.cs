using System.Net;
using Honk.Delivery.Tests.GitHub;
using Honk.Hosting;

namespace Honk.Server.Tests.PullRequests;

/// <summary>
/// The pull-request loop through <c>honk serve</c>'s own builder against the loopback GitHub: a session delivered as a
/// pull request, its CI fails, a signed <c>check_run</c> webhook wakes the watcher, a fix round on the same branch
/// (no second pull request) goes green, and Approve merges it through the API. And a pull request left behind its base
/// is rebased without a model and pushed with lease.
/// </summary>
public sealed class PullRequestLoopEndToEndTests : IDisposable
{
    private const string FailingLog = """
        2026-01-02T03:04:05.1234567Z   Failed Shop.Tests.CartTests.Total_SumsPrices [12 ms]
        2026-01-02T03:04:05.1234567Z   Error Message:
        2026-01-02T03:04:05.1234567Z    Assert.Equal() Failure: Expected: 10, Actual: 9
        2026-01-02T03:04:05.1234567Z Failed!  - Failed:     1, Passed:    11, Skipped:     0, Total:    12
        """;

    // The same failure, with a secret the CI printed in its message: the comment quoting it must not publish it.
    private const string LeakedToken = "ghp_0123456789abcdefghijABCDEFGHIJ012345";
    private const string FailingLogWithSecret = """
        2026-01-02T03:04:05.1234567Z   Failed Shop.Tests.CartTests.Total_SumsPrices [12 ms]
        2026-01-02T03:04:05.1234567Z   Error Message:
        2026-01-02T03:04:05.1234567Z    Assert.Equal() Failure: Expected: 10, Actual: 9 (pushed with ghp_0123456789abcdefghijABCDEFGHIJ012345)
        2026-01-02T03:04:05.1234567Z Failed!  - Failed:     1, Passed:    11, Skipped:     0, Total:    12
        """;

    private readonly GitRepo _repo = new();
    private readonly string _data = Directory.CreateTempSubdirectory("honk-pr-loop-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FailingCheck_FixRoundOnTheSameBranchGoesGreen_ApproveMerges()
    {
        var script = FeeScript();
        await using var github = new FakeGitHub { BranchTip = _repo.Tip };
        await using var app = await PullRequestHostApp.StartAsync(Path.Combine(_data, "state"), script, github);

        // Delivered as a pull request: pushed, then opened through the API.
        var (root, delivered) = await DeliverFeeAsync(app);
        var pr = Assert.Single(delivered.Result!.Deliveries, d => d.Channel == "pr");
        Assert.True(pr.Succeeded, pr.Message);
        var branch = delivered.Result.Branch!;
        var firstHead = _repo.Tip(branch)!;

        // CI fails on the delivered head; the next session the model runs is the fix.
        File.WriteAllText(script, Script("items.Sum(i => i.Price) - 1", "items.Sum(i => i.Price)", "Dropped the fee the test does not expect."));
        github.AddCheckRun(firstHead, "test", conclusion: "failure", log: FailingLog);
        using (var hook = await app.WebhookAsync("check_run", GitHubPayloads.CheckRun(firstHead, "test", "failure", branch)))
        {
            Assert.Equal(HttpStatusCode.Accepted, hook.StatusCode);
        }

        var fix = await app.CompletedAsync(await PullRequestHostApp.WaitForAsync("the fix round", async () =>
            await app.Host.GetAsync(root.Id + "-fix-1", Ct) is { } r ? r.Id : null));
        Assert.True(fix.Status == HostedSessionStatus.Succeeded, Describe(fix));
        Assert.Contains("CartTests.Total_SumsPrices", fix.Request.Task.Goal, StringComparison.Ordinal);
        Assert.Equal((branch, firstHead, root.Id), (fix.Branch, fix.Request.BaseRef, fix.Request.ParentSessionId));
        var secondHead = _repo.Tip(branch)!;
        Assert.NotEqual(firstHead, secondHead);
        Assert.Equal(firstHead, GitRepo.Git(_repo.Root, "--git-dir", _repo.Remote, "rev-parse", secondHead + "~1").Trim());
        Assert.Single(github.PullRequests);
        Assert.Single(github.Requests, r => r.Method == "POST" && r.Path.EndsWith("/pulls", StringComparison.Ordinal));
        Assert.Single(github.Comments(1), c => c.Contains("round 1 of 2", StringComparison.Ordinal));

        // Green on the fix's head: recorded in the store; no second round.
        github.AddCheckRun(secondHead, "test", conclusion: "success");
        app.Watch.Wake();
        var green = await PullRequestHostApp.WaitForAsync("the green checks in the store", async () =>
            await app.Host.Store.GetEffectAsync(root.Id, "pr-checks:" + secondHead, Ct) is { State: EffectState.Succeeded } e ? e : null);
        Assert.Contains("\"green\"", green.OutcomeJson, StringComparison.Ordinal);
        Assert.Null(await app.Host.GetAsync(root.Id + "-fix-2", Ct));

        // Approve the ORIGINAL session (what a reviewer naturally does): the round's commit is the pull request's head
        // and Honk pushed it, so that head is merged through the API.
        using var approve = await app.Client.PostAsync(ServerApp.FormAction($"review/{root.Id}/approve", app.SessionToken(root.Id, HonkServer.OperatorLogin)), new FormUrlEncodedContent([new("t", app.SessionToken(root.Id, HonkServer.OperatorLogin))]), Ct);
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        Assert.Contains("Approved", Uri.UnescapeDataString(approve.Headers.Location!.ToString()), StringComparison.Ordinal);
        var merge = Assert.Single(github.Requests, r => r.Method == "PUT");
        Assert.Equal(secondHead, merge.Json["sha"]!.GetValue<string>());
        Assert.True(github.PullRequests[0]["merged"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ApproveTheOriginal_AfterSomeonePushedOutsideHonk_IsRefusedSayingWhy_NothingMerged()
    {
        var script = FeeScript();
        await using var github = new FakeGitHub { BranchTip = _repo.Tip };
        await using var app = await PullRequestHostApp.StartAsync(Path.Combine(_data, "state"), script, github);
        var (root, delivered) = await DeliverFeeAsync(app);
        var branch = delivered.Result!.Branch!;

        // Someone pushes a commit of their own on the pull request's branch; its checks are green.
        var other = Path.Combine(_repo.Root, "someone");
        GitRepo.Git(_repo.Root, "clone", "-q", "-b", branch, _repo.Remote, other);
        File.WriteAllText(Path.Combine(other, "NOTES.md"), "unreviewed\n");
        GitRepo.Git(other, "add", ".");
        GitRepo.Git(other, "-c", "user.name=someone", "-c", "user.email=someone@example.com", "commit", "-qm", "unreviewed");
        GitRepo.Git(other, "push", "-q", "origin", "HEAD:" + branch);
        github.AddCheckRun(_repo.Tip(branch)!, "test", conclusion: "success");

        using var approve = await app.Client.PostAsync(ServerApp.FormAction($"review/{root.Id}/approve", app.SessionToken(root.Id, HonkServer.OperatorLogin)), new FormUrlEncodedContent([new("t", app.SessionToken(root.Id, HonkServer.OperatorLogin))]), Ct);

        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        Assert.Contains("has moved on since this session", Uri.UnescapeDataString(approve.Headers.Location!.ToString()), StringComparison.Ordinal);
        Assert.DoesNotContain(github.Requests, r => r.Method == "PUT");
    }

    [Fact]
    public async Task BehindItsBase_IsRebasedWithoutAModel_AndPushedWithLease()
    {
        var script = FeeScript();
        await using var github = new FakeGitHub { BranchTip = _repo.Tip };
        await using var app = await PullRequestHostApp.StartAsync(Path.Combine(_data, "state"), script, github, "--Honk:PullRequests:RebaseWhenBehind=true");
        var (root, delivered) = await DeliverFeeAsync(app);
        var branch = delivered.Result!.Branch!;
        var before = _repo.Tip(branch)!;

        // The base moves on (another file); GitHub says the pull request is behind.
        var other = Path.Combine(_repo.Root, "other");
        GitRepo.Git(_repo.Root, "clone", "-q", _repo.Remote, other);
        File.WriteAllText(Path.Combine(other, "README.md"), "# Shop\n");
        GitRepo.Git(other, "add", ".");
        GitRepo.Git(other, "-c", "user.name=dev", "-c", "user.email=dev@example.com", "commit", "-qm", "readme");
        GitRepo.Git(other, "push", "-q", "origin", "HEAD:main");
        github.SetPull(1, mergeableState: "behind");
        app.Watch.Wake();

        var after = await PullRequestHostApp.WaitForAsync("the rebased branch", () => Task.FromResult(_repo.Tip(branch) is { } t && t != before ? t : null));
        Assert.Equal(_repo.Tip("main"), GitRepo.Git(_repo.Root, "--git-dir", _repo.Remote, "rev-parse", after + "~1").Trim());
        Assert.Contains("- 1", GitRepo.Git(_repo.Root, "--git-dir", _repo.Remote, "show", after + ":src/Cart.cs"), StringComparison.Ordinal);
        await PullRequestHostApp.WaitForAsync("the rebase comment", () => Task.FromResult(github.Comments(1).FirstOrDefault(c => c.Contains("Rebased", StringComparison.Ordinal))));
        Assert.Null(await app.Host.GetAsync(root.Id + "-rebase-1", Ct));
        Assert.Single(github.PullRequests);
    }

    [Fact]
    public async Task StillFailingAfterTheLastRound_StopsAndSaysWhy_NoFurtherRound()
    {
        var script = FeeScript();
        await using var github = new FakeGitHub { BranchTip = _repo.Tip };
        await using var app = await PullRequestHostApp.StartAsync(Path.Combine(_data, "state"), script, github, "--Honk:PullRequests:MaxFixRounds=1");
        var (root, delivered) = await DeliverFeeAsync(app);
        var branch = delivered.Result!.Branch!;

        // The round changes something, but not what the test wants.
        File.WriteAllText(script, Script("public class Cart", "public sealed class Cart", "Sealed Cart."));
        github.AddCheckRun(_repo.Tip(branch)!, "test", conclusion: "failure", log: FailingLog);
        app.Watch.Wake();
        var fix = await app.CompletedAsync(await PullRequestHostApp.WaitForAsync("the fix round", async () =>
            await app.Host.GetAsync(root.Id + "-fix-1", Ct) is { } r ? r.Id : null));
        Assert.True(fix.Status == HostedSessionStatus.Succeeded, Describe(fix));
        github.AddCheckRun(_repo.Tip(branch)!, "test", conclusion: "failure", log: FailingLogWithSecret);
        app.Watch.Wake();

        var stopped = await PullRequestHostApp.WaitForAsync("the comment saying Honk stopped", () => Task.FromResult(github.Comments(1).FirstOrDefault(c => c.Contains("stopped after 1 fix round", StringComparison.Ordinal))));
        Assert.Contains("CartTests.Total_SumsPrices", stopped, StringComparison.Ordinal);
        Assert.Contains("Expected: 10, Actual: 9", stopped, StringComparison.Ordinal);
        Assert.DoesNotContain(LeakedToken, stopped, StringComparison.Ordinal);
        Assert.Null(await app.Host.GetAsync(root.Id + "-fix-2", Ct));
        Assert.Single(github.PullRequests);
    }

    [Fact]
    public async Task FailingOnTheBaseBranchToo_IsReported_NotFixed()
    {
        var script = FeeScript();
        await using var github = new FakeGitHub { BranchTip = _repo.Tip };
        await using var app = await PullRequestHostApp.StartAsync(Path.Combine(_data, "state"), script, github);
        var (root, delivered) = await DeliverFeeAsync(app);

        github.AddCheckRun(_repo.Tip("main")!, "lint", conclusion: "failure", log: "error: the linter is broken on main");
        github.AddCheckRun(_repo.Tip(delivered.Result!.Branch!)!, "lint", conclusion: "failure", log: "error: the linter is broken on main");
        app.Watch.Wake();

        await PullRequestHostApp.WaitForAsync("the base-branch report", () => Task.FromResult(github.Comments(1).FirstOrDefault(c => c.Contains("fail on the base branch too", StringComparison.Ordinal))));
        Assert.Null(await app.Host.GetAsync(root.Id + "-fix-1", Ct));
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


    /// <summary>Writes the model's script for the fee task (the change the pull request delivers) and returns its path.</summary>
    private string FeeScript()
    {
        var script = Path.Combine(_data, "model.json");
        File.WriteAllText(script, Script("items.Sum(i => i.Price)", "items.Sum(i => i.Price) - 1", "Added the handling fee."));
        return script;
    }

    /// <summary>Submits the fee task and waits until it is delivered as a pull request.</summary>
    private async Task<(SessionView Root, SessionRecord Delivered)> DeliverFeeAsync(PullRequestHostApp app)
    {
        var root = await app.SubmitAsync(_repo.Remote, "Add a handling fee to Cart.Total");
        var delivered = await app.CompletedAsync(root.Id);
        Assert.True(delivered.Status == HostedSessionStatus.Succeeded, Describe(delivered));
        return (root, delivered);
    }

    private static string Describe(SessionRecord record) => $"{record.Id}: {record.Status.ToWireName()}: {record.Result?.Message}";

    private static string Script(string oldText, string newText, string summary) => System.Text.Json.JsonSerializer.Serialize(new
    {
        turns = new object[]
        {
            new { toolCalls = new[] { new { name = "edit_file", arguments = new Dictionary<string, string> { ["path"] = "src/Cart.cs", ["old_text"] = oldText, ["new_text"] = newText } } } },
            new { text = summary },
        },
    });
}
