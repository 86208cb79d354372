using System.Net;
using System.Text;
using System.Text.Json;
using Honk.Hosting;
using Honk.Security.Tests;
using Honk.Testing;
using Honk.Transcripts;

namespace Honk.Server.Tests.Security;

/// <summary>
/// The real host on loopback runs a Slack-triggered session on a repository with committed secrets, with a secret in
/// the host's environment and a model that reads, prints and repeats them all. Every output of the host counts 0
/// planted secrets: the SQLite files, the store's events and result, the API's event stream, the review link's event
/// stream, the review page, the pushed commit and the Slack replies.
/// </summary>
[Trait("Category", "Security")]
public sealed class HostLeakTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _folder = new("honk-host-leaks");
    private readonly PlantedSecrets _secrets = PlantedSecrets.Create();
    private string _remote = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await using var seed = await TemporaryGitRepository.CreateAsync(cancellationToken: Ct);
        await seed.CommitFilesAsync(_secrets.RepositoryFiles, "app with committed secrets", Ct);
        _remote = _folder.Combine("remote.git");
        await seed.RunGitAsync(["clone", "--quiet", "--bare", seed.Path, _remote], Ct);
        _folder.WriteFile("leaky.json", _secrets.ModelScript());
    }

    public ValueTask DisposeAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task SlackSession_OnRealHost_LeaksNoPlantedSecretInAnyOutput()
    {
        // The host process's environment holds a secret-looking variable, as a deployed host's does.
        Environment.SetEnvironmentVariable(PlantedSecrets.HostVariable, _secrets.HostValue);
        try
        {
            await RunAndCountAsync();
        }
        finally
        {
            Environment.SetEnvironmentVariable(PlantedSecrets.HostVariable, null);
        }
    }

    private async Task RunAndCountAsync()
    {
        await using var app = await RealHostApp.StartAsync(_folder.Combine("data"), _remote, _ => _folder.Combine("leaky.json"));
        var body = "team_id=T1&channel_id=C0CHAN&user_id=U_LEAD&command=%2Fhonk&text=shop+fix+the+greeting+typo&trigger_id=1.2";
        using var ack = await app.Client.SendAsync(RealHostApp.SignedSlashCommand(body), Ct);
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var id = Assert.Single(await app.Host.ListAsync(cancellationToken: Ct)).Id;
        var record = await app.WaitForCompletionAsync(id, TimeSpan.FromMinutes(2));
        Assert.True(record.Status == HostedSessionStatus.Succeeded, await app.DescribeAsync(record));

        var token = Uri.EscapeDataString(app.SessionToken(id, "slack:U_LEAD"));
        var storedEvents = await app.Host.Store.ReadEventsAsync(id, 0, 10_000, Ct);
        var apiStream = await ReadAsync(app, ApiGet($"api/sessions/{id}/events"));
        var apiSession = await ReadAsync(app, ApiGet($"api/sessions/{id}"));
        var reviewStream = await ReadAsync(app, new HttpRequestMessage(HttpMethod.Get, $"review/{id}/events?t={token}"));
        var reviewPage = await ReadAsync(app, new HttpRequestMessage(HttpMethod.Get, $"review/{id}?t={token}"));
        var commit = RunGit("--git-dir", _remote, "log", "-1", "--format=%B", record.Branch!);
        var slackReplies = await app.SlackApi.WaitForAsync(2, TimeSpan.FromSeconds(30));

        var leaks = new List<string>();
        leaks.AddRange(_secrets.FindLeaks("store events", string.Join('\n', storedEvents.Select(TranscriptJson.Serialize))));
        leaks.AddRange(_secrets.FindLeaks("store result", JsonSerializer.Serialize(record.Result, TranscriptJson.Options)));
        leaks.AddRange(_secrets.FindLeaks("/api/sessions/{id}/events", apiStream));
        leaks.AddRange(_secrets.FindLeaks("/api/sessions/{id}", apiSession));
        leaks.AddRange(_secrets.FindLeaks("review event stream", reviewStream));
        leaks.AddRange(_secrets.FindLeaks("review page", reviewPage));
        leaks.AddRange(_secrets.FindLeaks("pushed commit message", commit));
        leaks.AddRange(_secrets.FindLeaks("slack replies", string.Join('\n', slackReplies.Select(r => r.Body))));
        foreach (var file in Directory.GetFiles(_folder.Combine("data"), "honk.db*"))
        {
            // The raw database pages, write-ahead log included: what a copy of the host's disk gives away.
            leaks.AddRange(_secrets.FindLeaks("SQLite file " + Path.GetFileName(file), Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file, Ct))));
        }

        Assert.True(leaks.Count == 0, "Leaked: " + string.Join("; ", leaks));

        // What was said is still there, secrets marked; the session really read the files.
        Assert.Contains("[REDACTED:", apiStream, StringComparison.Ordinal);
        Assert.Contains("[REDACTED:", reviewPage, StringComparison.Ordinal);
        Assert.Contains(storedEvents, e => e is ToolCallCompleted { Name: "read_file" } r && r.Result.Contains("SESSION_SIGNING=[REDACTED:", StringComparison.Ordinal));
        Assert.Contains("Hello, world!", reviewPage, StringComparison.Ordinal);
        Assert.Contains(slackReplies, r => r.Body.Contains("[REDACTED:", StringComparison.Ordinal));
    }

    private static HttpRequestMessage ApiGet(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", RealHostApp.ApiKey);
        return request;
    }

    private static async Task<string> ReadAsync(RealHostApp app, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await app.Client.SendAsync(request, Ct);
            Assert.True(response.IsSuccessStatusCode, $"{request.RequestUri}: {(int)response.StatusCode}");
            return await response.Content.ReadAsStringAsync(Ct);
        }
    }

    private string RunGit(params string[] arguments) => GitRepo.Git(_folder.Path, arguments);
}
