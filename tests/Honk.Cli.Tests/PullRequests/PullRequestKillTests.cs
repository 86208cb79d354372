using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Honk.Delivery.Tests.GitHub;

namespace Honk.Cli.Tests.PullRequests;

/// <summary>
/// <c>honk serve</c> killed with SIGKILL at each step of the pull-request loop, each time right after GitHub did what
/// it was asked and before Honk heard the answer (opening the pull request, commenting on a fix round, updating the
/// pull request after the round's push, merging), then restarted on the same state folder: one pull request, each
/// comment once, one merge.
/// </summary>
public sealed partial class PullRequestKillTests : IDisposable
{
    private const string ClientKey = "kill-test-client-key-0123456789";
    private const string LinkKey = "kill-test-link-signing-key-0123456789abcdef";
    private const string FailingLog = "  Failed Shop.Tests.CartTests.Total_SumsPrices [12 ms]\n  Error Message:\n   Assert.Equal() Failure: Expected: 10, Actual: 9\n";
    private readonly string _root = Directory.CreateTempSubdirectory("honk-pr-kill-").FullName;
    private ServeKillSwitch? _kill;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Remote => Path.Combine(_root, "remote.git");

    [Fact]
    public async Task KilledAfterEachGitHubEffect_RestartedOnTheSameState_NothingIsDuplicated()
    {
        SeedRemote();
        var script = Path.Combine(_root, "model.json");
        File.WriteAllText(script, Script("items.Sum(i => i.Price)", "items.Sum(i => i.Price) - 1", "Added the handling fee."));
        await using var github = new FakeGitHub { BranchTip = Tip };
        github.AfterHandled = (request, _) => _kill?.AfterHandled(request);
        string[] args =
        [
            "serve", "--urls", "http://127.0.0.1:0", $"--Honk:Model=script:{script}", "--host-id", "kill-pr", "--state-dir", Path.Combine(_root, "state"),
            "--unsafe-no-sandbox", "--github-token", FakeGitHub.Token, $"--Honk:GitHubApiUrl={github.ApiUrl}", "--api-client", $"ci:trigger:{ClientKey}",
            "--repository", $"shop={Remote}", "--Honk:PullRequests:Deliver=true", "--Honk:PullRequests:Repository=octo/repo",
            "--Honk:PullRequests:PollInterval=00:00:01", $"--Honk:LinkSigningKey={LinkKey}",
        ];

        _kill = new ServeKillSwitch(_root, new Dictionary<string, string?>(), args);

        // 1. Killed right after GitHub opened the pull request.
        _kill.Arm(r => r.Method == "POST" && r.Path.EndsWith("/pulls", StringComparison.Ordinal));
        await _kill.StartAsync();
        using var created = await Api().PostAsync("api/sessions", new StringContent(JsonSerializer.Serialize(new { repository = "shop", task = "Add a handling fee to Cart.Total" }), Encoding.UTF8, "application/json"), Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Accepted, await created.Content.ReadAsStringAsync(Ct) + _kill.Serve.Output);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("id").GetString()!;
        await _kill.RestartAfterKillAsync();
        var root = await CompletedAsync(id);
        var branch = root.GetProperty("result").GetProperty("branch").GetString()!;
        var head1 = Tip(branch)!;

        // 2. CI fails; killed right after the fix round's comment was posted. 3. Then right after the round's push updated the pull request.
        File.WriteAllText(script, Script("items.Sum(i => i.Price) - 1", "items.Sum(i => i.Price)", "Dropped the fee the test does not expect."));
        _kill.Arm(r => r.Method == "POST" && r.Path.EndsWith("/issues/1/comments", StringComparison.Ordinal) && r.Body.Contains("round 1 of 2", StringComparison.Ordinal));
        github.AddCheckRun(head1, "test", conclusion: "failure", log: FailingLog);
        await _kill.RestartAfterKillAsync(arm: r => r.Method == "PATCH" && r.Path.EndsWith("/pulls/1", StringComparison.Ordinal));
        await _kill.RestartAfterKillAsync();
        var fix = await CompletedAsync(id + "-fix-1");
        var head2 = Tip(branch)!;
        Assert.Equal(head1, Git("--git-dir", Remote, "rev-parse", head2 + "~1").Trim());

        // 4. Green; Approve; killed right after GitHub merged.
        github.AddCheckRun(head2, "test", conclusion: "success");
        _kill.Arm(r => r.Method == "PUT" && r.Path.EndsWith("/pulls/1/merge", StringComparison.Ordinal));
        try
        {
            using var approve = await Approve(fix.GetProperty("id").GetString()!);
        }
        catch (HttpRequestException)
        {
            // The host died while answering.
        }

        await _kill.RestartAfterKillAsync();
        using (var again = await Approve(id + "-fix-1"))
        {
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        }

        // Nothing twice: one pull request (opened once), each marked comment once, one merge, no third round.
        Assert.Single(github.PullRequests);
        Assert.True(github.PullRequests[0]["merged"]!.GetValue<bool>());
        Assert.Single(github.Requests, r => r.Method == "POST" && r.Path.EndsWith("/pulls", StringComparison.Ordinal));
        Assert.Single(github.Requests, r => r.Method == "PUT");
        var markers = github.Comments(1).Select(c => Marker().Match(c).Value).ToList();
        Assert.Contains(markers, m => m.Contains("round:" + id + "-fix-1", StringComparison.Ordinal));
        Assert.Equal(markers.Count, markers.Distinct(StringComparer.Ordinal).Count());
        using var second = await Api().GetAsync($"api/sessions/{id}-fix-2", Ct);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
    }

    public void Dispose()
    {
        _kill?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private HttpClient Api()
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _kill!.Serve.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ClientKey);
        return http;
    }

    private Task<HttpResponseMessage> Approve(string sessionId)
    {
        var token = new Honk.Server.ReviewLinks(LinkKey).CreateSessionToken(sessionId, Honk.Server.HonkServer.OperatorLogin, TimeSpan.FromHours(1));
        return Api().PostAsync($"review/{sessionId}/approve?t={Uri.EscapeDataString(token)}", new FormUrlEncodedContent([new("t", token)]), Ct);
    }

    private async Task<JsonElement> CompletedAsync(string id)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            using var response = await Api().GetAsync($"api/sessions/{id}", Ct);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var session = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
                if (session.GetProperty("status").GetString() is not ("queued" or "running"))
                {
                    Assert.True(session.GetProperty("status").GetString() == "succeeded", session + _kill!.Serve.Output);
                    return session;
                }
            }

            Assert.True(watch.Elapsed < TimeSpan.FromMinutes(4), $"Session {id} did not finish." + _kill!.Serve.Output);
            await Task.Delay(200, Ct);
        }
    }

    private void SeedRemote()
    {
        Git("init", "-q", "--bare", "-b", "main", Remote);
        var seed = Path.Combine(_root, "seed");
        Git("clone", "-q", Remote, seed);
        Directory.CreateDirectory(Path.Combine(seed, "src"));
        File.WriteAllText(Path.Combine(seed, "src", "Cart.cs"), "namespace Shop;\n\npublic class Cart\n{\n    public decimal Total(Item[] items) => items.Sum(i => i.Price);\n}\n");
        Git("-C", seed, "add", ".");
        Git("-C", seed, "-c", "user.name=dev", "-c", "user.email=dev@example.com", "commit", "-qm", "init");
        Git("-C", seed, "push", "-q", "origin", "HEAD:main");
    }

    private string? Tip(string branch)
    {
        try
        {
            return Git("--git-dir", Remote, "rev-parse", "--verify", "-q", "refs/heads/" + branch).Trim();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private string Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = _root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode == 0 ? stdout.Result : throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {stderr}");
    }

    private static string Script(string oldText, string newText, string summary) => JsonSerializer.Serialize(new
    {
        turns = new object[]
        {
            new { toolCalls = new[] { new { name = "edit_file", arguments = new Dictionary<string, string> { ["path"] = "src/Cart.cs", ["old_text"] = oldText, ["new_text"] = newText } } } },
            new { text = summary },
        },
    });

    [GeneratedRegex("<!-- honk-[^>]*-->")]
    private static partial Regex Marker();
}
