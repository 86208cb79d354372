using Honk.Delivery.Tests.GitHub;
using Honk.Hosting;

namespace Honk.Server.Tests.PullRequests;

/// <summary>
/// After a restart the review page's pull-request checks come from the store at once, before (and without) a look at
/// GitHub: the second host has watching off, so what it shows can only be what the first one recorded.
/// </summary>
public sealed class PullRequestRestartTests : IDisposable
{
    private readonly GitRepo _repo = new();
    private readonly string _data = Directory.CreateTempSubdirectory("honk-pr-restart-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AfterARestart_TheLastRecordedChecksAreOnTheBoardAndThePage_WithoutALook()
    {
        var script = Path.Combine(_data, "model.json");
        File.WriteAllText(script, System.Text.Json.JsonSerializer.Serialize(new
        {
            turns = new object[]
            {
                new { toolCalls = new[] { new { name = "edit_file", arguments = new Dictionary<string, string> { ["path"] = "src/Cart.cs", ["old_text"] = "items.Sum(i => i.Price)", ["new_text"] = "items.Sum(i => i.Price) - 1" } } } },
                new { text = "Added the handling fee." },
            },
        }));
        var state = Path.Combine(_data, "state");
        await using var github = new FakeGitHub { BranchTip = _repo.Tip };
        string id;
        string head;
        await using (var first = await PullRequestHostApp.StartAsync(state, script, github))
        {
            var root = await first.SubmitAsync(_repo.Remote, "Add a handling fee to Cart.Total");
            var delivered = await first.CompletedAsync(root.Id);
            Assert.True(delivered.Status == HostedSessionStatus.Succeeded, delivered.Result?.Message);
            id = root.Id;
            head = _repo.Tip(delivered.Result!.Branch!)!;
            github.AddCheckRun(head, "build", conclusion: "success");
            github.AddCheckRun(head, "test", conclusion: "failure");
            first.Watch.Wake();
            await PullRequestHostApp.WaitForAsync("the failing checks in the store", async () =>
                await first.Host.Store.GetEffectAsync(id, "pr-checks:" + head, Ct) is { State: EffectState.Succeeded } e ? e : null);
        }

        await using var second = await PullRequestHostApp.StartAsync(state, script, github, "--Honk:PullRequests:Watch=false");
        var restored = await PullRequestHostApp.WaitForAsync("the checks loaded from the store", () => Task.FromResult(second.Board.Get(id)));

        Assert.Equal(("failing", head), (restored.State, restored.Head));
        Assert.Equal(["build:passed", "test:failed"], restored.Checks.Select(c => $"{c.Name}:{c.Outcome}").Order(StringComparer.Ordinal));
        Assert.StartsWith("https://github.test/octo/repo/actions/runs/1/job/", restored.Checks[0].Url?.ToString(), StringComparison.Ordinal);
        var page = await second.Client.GetStringAsync($"review/{id}?t={Uri.EscapeDataString(second.SessionToken(id, HonkServer.OperatorLogin))}", Ct);
        Assert.Contains("actions/runs/1/job/", page, StringComparison.Ordinal);
        Assert.Null(second.Watch.Watcher);
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

}
