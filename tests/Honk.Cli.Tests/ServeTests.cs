using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Honk.Models.Tests.Infrastructure;
using Honk.Testing;

namespace Honk.Cli.Tests;

/// <summary><c>honk serve</c> on its own: every setting in --help, the same model resolution as <c>honk run</c>.</summary>
public sealed class ServeTests : IAsyncLifetime
{
    private const string ClientKey = "serve-test-client-key-0123456789";
    private readonly TemporaryDirectory _folder = new();
    private TemporaryGitRepository _repo = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _repo = await TemporaryGitRepository.CreateAsync(cancellationToken: Ct);
        await _repo.CommitFilesAsync(new Dictionary<string, string> { ["greeting.txt"] = "Hello, wrld!\n" }, "greeting", Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _repo.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Help_ListsEverySetting()
    {
        var run = await HonkProcess.RunAsync(_folder.Path, null, "serve", "--help");
        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var option in new[] { "--model", "--urls", "--state-dir", "--host-id", "--config", "--api-client", "--slack-signing-secret", "--slack-bot-token", "--github-webhook-secret", "--github-token", "--repository", "--allowed-root", "--allowed-remote", "--approver", "--triggerer", "--public-url" })
        {
            Assert.Contains(option, run.Stdout, StringComparison.Ordinal);
        }

        Assert.Contains("Honk__", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingAnthropicKey_StopsTheStartWithWhatToSet()
    {
        var run = await HonkProcess.RunAsync(_folder.Path, null, "serve", "--Honk:Model=anthropic:claude-test", "--urls", "http://127.0.0.1:0");
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("ANTHROPIC_API_KEY", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--port", "8080")]
    [InlineData("--max-concurency", "3")]
    [InlineData("8080", null)]
    public async Task UnknownArgument_StopsTheStartNamingIt(string token, string? value)
    {
        // The host would ignore it and listen on its default address: the user asked for something else.
        string[] arguments = value is null ? ["serve", token, "--urls", "http://127.0.0.1:0"] : ["serve", token, value, "--urls", "http://127.0.0.1:0"];
        var run = await HonkProcess.RunAsync(_folder.Path, null, arguments);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"unknown option '{token}'", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("--urls", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HonkJson_UnknownServeKey_StopsTheStartNamingIt()
    {
        _folder.WriteFile("honk.json", """{ "model": "script:x.json", "serve": { "apiKeyz": ["x"] } }""");
        var run = await HonkProcess.RunAsync(_folder.Path, null, "serve", "--urls", "http://127.0.0.1:0");
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("serve.apiKeyz", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task AnthropicModelOverride_RunsASessionAgainstALoopbackAnthropic()
    {
        var edit = JsonSerializer.Serialize(new { path = "greeting.txt", old_text = "wrld", new_text = "world" });
        await using var anthropic = new LoopbackHttpServer((request, index) => index == 0
            ? LoopbackResponse.EventStream([
                AnthropicWire.MessageStart(inputTokens: 100), AnthropicWire.ToolStart(0, "toolu_1", "edit_file"),
                AnthropicWire.InputJson(0, edit[..12]), AnthropicWire.InputJson(0, edit[12..]), AnthropicWire.BlockStop(0),
                AnthropicWire.MessageDelta("tool_use", outputTokens: 20), AnthropicWire.MessageStop])
            : LoopbackResponse.EventStream([
                AnthropicWire.MessageStart(inputTokens: 150), AnthropicWire.TextStart(0), AnthropicWire.TextDelta(0, "Fixed the typo."), AnthropicWire.BlockStop(0),
                AnthropicWire.MessageDelta("end_turn", outputTokens: 8), AnthropicWire.MessageStop]));
        var environment = new Dictionary<string, string?>
        {
            ["ANTHROPIC_API_KEY"] = "sk-ant-loopback-test",
            ["ANTHROPIC_BASE_URL"] = anthropic.BaseUri.ToString(),
        };

        await using var serve = await ServeProcess.StartAsync(
            _folder.Path,
            environment,
            "serve", "--Honk:Model=anthropic:claude-test", "--urls", "http://127.0.0.1:0", "--api-client", $"ci:trigger:{ClientKey}",
            "--allowed-root", Path.GetDirectoryName(_repo.Path)!);
        using var http = new HttpClient { BaseAddress = serve.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ClientKey);

        using var created = await http.PostAsync("api/sessions", new StringContent(JsonSerializer.Serialize(new { repository = _repo.Path, task = "greeting.txt says Hello, world!" }), Encoding.UTF8, "application/json"), Ct);
        var body = await created.Content.ReadAsStringAsync(Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Accepted, body + serve.Output);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;

        var session = await WaitForResultAsync(http, id, serve);
        Assert.True(session.GetProperty("status").GetString() == "succeeded", session + serve.Output);
        Assert.Equal("api:ci", session.GetProperty("requester").GetString());
        Assert.Equal(["greeting.txt"], session.GetProperty("result").GetProperty("changedFiles").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(2, anthropic.Requests.Count);
        Assert.Equal("/v1/messages", anthropic.Requests[0].Path);
        var first = anthropic.Requests[0];
        Assert.True(first.Header("x-api-key") == "sk-ant-loopback-test" || first.Header("Authorization") == "Bearer sk-ant-loopback-test", first.RawHead);
        Assert.Equal("claude-test", anthropic.Requests[0].Json().GetProperty("model").GetString());
    }

    [Fact]
    public async Task SlackBotToken_AnswersASlashCommandInItsThread()
    {
        const string signingSecret = "serve-test-slack-signing-secret";
        const string botToken = "xoxb-serve-test-0123456789";
        await using var slack = new LoopbackHttpServer((_, _) => LoopbackResponse.Json("""{"ok":true,"channel":"C0CHAN","ts":"1700000000.000100"}"""));
        var script = _folder.WriteFile("fix.json", """{ "turns": [ { "toolCalls": [ { "name": "edit_file", "arguments": { "path": "greeting.txt", "old_text": "wrld", "new_text": "world" } } ] }, { "text": "Fixed the typo." } ] }""");

        await using var serve = await ServeProcess.StartAsync(
            _folder.Path,
            new Dictionary<string, string?> { ["Honk__SlackApiUrl"] = slack.BaseUri.ToString() },
            "serve", $"--Honk:Model=script:{script}", "--urls", "http://127.0.0.1:0", "--slack-signing-secret", signingSecret,
            "--slack-bot-token", botToken, "--default-repository", _repo.Path, "--triggerer", "slack:U_LEAD");
        using var http = new HttpClient { BaseAddress = serve.BaseUrl };
        const string body = "token=x&team_id=T1&channel_id=C0CHAN&user_id=U_LEAD&command=%2Fhonk&text=fix+the+greeting&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1&trigger_id=1.2";
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "slack/commands") { Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded") };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", Honk.Server.SlackRequestVerifier.Sign(signingSecret, timestamp, Encoding.UTF8.GetBytes(body)));

        using var response = await http.SendAsync(request, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct) + serve.Output);

        // "Working on it" first, then the result in its thread, both posted with the bot token.
        var watch = Stopwatch.StartNew();
        while (slack.Requests.Count < 2 && watch.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(200, Ct);
        }

        Assert.True(slack.Requests.Count >= 2, $"Slack got {slack.Requests.Count} message(s)\n{serve.Output}");
        Assert.All(slack.Requests, r => Assert.Equal("/chat.postMessage", r.Path));
        Assert.All(slack.Requests, r => Assert.Equal($"Bearer {botToken}", r.Header("Authorization")));
        Assert.Contains("\"thread_ts\":\"1700000000.000100\"", slack.Requests[^1].Body, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> WaitForResultAsync(HttpClient http, string id, ServeProcess serve)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var json = JsonDocument.Parse(await http.GetStringAsync($"api/sessions/{id}", Ct)).RootElement;
            if (json.GetProperty("status").GetString() is not ("queued" or "running"))
            {
                return json;
            }

            if (watch.Elapsed > TimeSpan.FromMinutes(3))
            {
                throw new TimeoutException($"Session {id} did not finish.\n{serve.Output}");
            }

            await Task.Delay(200, Ct);
        }
    }
}
