using System.Diagnostics;
using System.Globalization;
using System.Text;
using Honk.Delivery.Tests.GitHub;
using Honk.Delivery.Tests.Slack;
using Honk.Hosting;

namespace Honk.Cli.Tests.Slack;

/// <summary>
/// <c>honk serve</c> killed with SIGKILL right after Slack posted one of its messages and before Honk recorded it (the
/// "working on it" announcement of a slash command, then the result in its thread), restarted on the same state folder:
/// the answer that was scheduled and not sent is scheduled again, and each message exists exactly once (found by its
/// metadata instead of posted again).
/// </summary>
public sealed class SlackKillTests : IDisposable
{
    private const string SigningSecret = "slack-kill-test-signing-secret";
    private readonly string _root = Directory.CreateTempSubdirectory("honk-slack-kill-").FullName;
    private ServeKillSwitch? _kill;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KilledBetweenPostingAndRecording_RestartedOnTheSameState_EachMessageExactlyOnce()
    {
        var repo = SeedRepository();
        var script = Path.Combine(_root, "fix.json");
        File.WriteAllText(script, """{ "turns": [ { "toolCalls": [ { "name": "edit_file", "arguments": { "path": "greeting.txt", "old_text": "wrld", "new_text": "world" } } ] }, { "text": "Fixed the typo." } ] }""");
        await using var slack = new FakeSlack();
        slack.AfterHandled = request => _kill?.AfterHandled(request);
        var environment = new Dictionary<string, string?> { ["Honk__SlackApiUrl"] = slack.ApiUrl.ToString() };
        string[] args =
        [
            "serve", "--urls", "http://127.0.0.1:0", $"--Honk:Model=script:{script}", "--host-id", "kill-slack", "--state-dir", Path.Combine(_root, "state"),
            "--unsafe-no-sandbox", "--slack-signing-secret", SigningSecret, "--slack-bot-token", FakeSlack.BotToken, "--default-repository", repo,
            "--triggerer", "slack:U_LEAD",
        ];

        _kill = new ServeKillSwitch(_root, environment, args);

        // 1. Killed right after Slack posted the announcement (the session had just been queued).
        _kill.Arm(r => IsPost(r, "slack-announce"));
        await _kill.StartAsync();
        await SlashCommandAsync("fix the greeting");

        // 2. Restarted: the answer is scheduled again; killed right after Slack posted the result in the thread.
        await _kill.RestartAfterKillAsync(arm: r => IsPost(r, "slack-reply"));

        // 3. Restarted: the result is found in the thread by its metadata and recorded, not posted again.
        await _kill.RestartAfterKillAsync();
        var announce = await WaitForAsync("the announcement", () => slack.WithKey("slack-announce").FirstOrDefault());
        var sessionId = announce["metadata"]!["event_payload"]!["session_id"]!.GetValue<string>();
        await WaitForAsync("the reply recorded as posted", () => ReplyRecorded(sessionId) ? "yes" : null);

        Assert.Single(slack.WithKey("slack-announce"));
        var reply = Assert.Single(slack.WithKey("slack-reply"));
        Assert.Equal(announce["ts"]!.GetValue<string>(), reply["thread_ts"]!.GetValue<string>());
        Assert.Contains("succeeded", reply["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(slack.Requests, r => r.Path == "/api/conversations.replies");
        Assert.Equal(2, slack.Messages.Count);
    }

    public void Dispose()
    {
        _kill?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static bool IsPost(RecordedRequest request, string key)
        => request.Path == "/api/chat.postMessage" && request.Body.Contains($"\"key\":\"{key}\"", StringComparison.Ordinal);

    private async Task SlashCommandAsync(string text)
    {
        using var http = new HttpClient { BaseAddress = _kill!.Serve.BaseUrl };
        var body = $"token=x&team_id=T1&channel_id=C0CHAN&user_id=U_LEAD&command=%2Fhonk&text={Uri.EscapeDataString(text)}&trigger_id=kill.1";
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "slack/commands") { Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded") };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", Honk.Server.SlackRequestVerifier.Sign(SigningSecret, timestamp, Encoding.UTF8.GetBytes(body)));
        try
        {
            using var response = await http.SendAsync(request, Ct);
        }
        catch (HttpRequestException)
        {
            // The host may die before it answers: the session and its reply plan were recorded first.
        }
    }

    private bool ReplyRecorded(string sessionId)
    {
        var store = new SqliteSessionStore(Path.Combine(_root, "state", "honk.db"));
        return store.GetEffectAsync(sessionId, "slack-reply", Ct).GetAwaiter().GetResult() is { State: EffectState.Succeeded };
    }

    private async Task<T> WaitForAsync<T>(string what, Func<T?> found)
        where T : class
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (found() is { } value)
            {
                return value;
            }

            Assert.True(watch.Elapsed < TimeSpan.FromMinutes(4), $"Still waiting for {what}." + _kill!.Serve.Output);
            await Task.Delay(200, Ct);
        }
    }

    private string SeedRepository()
    {
        var repo = Path.Combine(_root, "repo");
        Directory.CreateDirectory(repo);
        File.WriteAllText(Path.Combine(repo, "greeting.txt"), "Hello, wrld!\n");
        Git(repo, "init", "-q", "-b", "main");
        Git(repo, "add", ".");
        Git(repo, "-c", "user.name=dev", "-c", "user.email=dev@example.com", "commit", "-qm", "init");
        return repo;
    }

    private static void Git(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"git {string.Join(' ', args)} failed: {stderr.Result}");
    }
}
