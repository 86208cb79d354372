using Honk.Delivery.GitHub;
using Honk.Delivery.Tests.GitHub;
using Honk.Hosting;

namespace Honk.Server.Tests;

/// <summary>
/// The effects ledger's reality check for pull requests: a crash at each step of a <c>pr</c> delivery (before the
/// pull request is opened, after it is opened but before the outcome is recorded) never opens a second one.
/// </summary>
public sealed class PullRequestRealityCheckTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("honk-pr-ledger-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task Deliver_CrashAfterThePullRequestOpened_FindsItAndOpensNoSecond()
    {
        await using var github = new FakeGitHub();
        using var http = new HttpClient();
        var store = await StoreAsync();
        var channel = Channel(http, github);

        // Attempt 1: the ledger records "began", the pull request opens, the host dies before recording the outcome.
        Assert.True(await store.TryBeginEffectAsync("s-1", LedgeredDeliveryChannel.EffectKey("pr"), Ct));
        Assert.True((await channel.DeliverAsync(Context("s-1"), Ct)).Succeeded);

        // Attempt 2, after the restart, through the ledger with the reality check.
        var result = await new LedgeredDeliveryChannel(channel, store, new GitHubPullRequestEffectVerifier(channel)).DeliverAsync(Context("s-1"), Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Contains("opened by an earlier attempt", result.Message, StringComparison.Ordinal);
        Assert.Equal(new Uri("https://github.test/octo/repo/pull/1"), result.Url);
        Assert.Single(github.PullRequests);
        Assert.Single(github.Requests, r => r.Method == "POST" && r.Path.EndsWith("/pulls", StringComparison.Ordinal));
        Assert.Equal(EffectState.Succeeded, (await store.GetEffectAsync("s-1", "delivery:pr", Ct))!.State);
    }

    [Fact]
    public async Task Deliver_CrashBeforeThePullRequestOpened_OpensItOnce()
    {
        await using var github = new FakeGitHub();
        using var http = new HttpClient();
        var store = await StoreAsync();
        var channel = Channel(http, github);
        Assert.True(await store.TryBeginEffectAsync("s-2", LedgeredDeliveryChannel.EffectKey("pr"), Ct));

        var ledgered = new LedgeredDeliveryChannel(channel, store, new GitHubPullRequestEffectVerifier(channel));
        var first = await ledgered.DeliverAsync(Context("s-2"), Ct);
        var again = await ledgered.DeliverAsync(Context("s-2"), Ct);

        Assert.StartsWith("Opened pull request #1", first.Message, StringComparison.Ordinal);
        Assert.StartsWith("Already delivered by an earlier attempt", again.Message, StringComparison.Ordinal);
        Assert.Single(github.PullRequests);
    }

    [Fact]
    public async Task FindDelivered_PullRequestOfAnotherSessionOnTheBranch_IsNotThisSessions()
    {
        await using var github = new FakeGitHub();
        github.AddPullRequest("octo", "honk/fix", body: "Someone else's.\n<!-- honk-session: s-other -->");
        using var http = new HttpClient();

        Assert.Null(await Channel(http, github).FindDeliveredAsync(Context("s-3"), Ct));
    }

    private async Task<SqliteSessionStore> StoreAsync()
    {
        var store = new SqliteSessionStore(Path.Combine(_folder.FullName, "honk.db"));
        await store.InitializeAsync(Ct);
        return store;
    }

    private static GitHubPullRequestChannel Channel(HttpClient http, FakeGitHub github)
        => new(new GitHubClient(http, new GitHubClientOptions { BaseUrl = github.ApiUrl, Token = FakeGitHub.Token }), new GitHubPullRequestOptions { Owner = "octo", Repository = "repo" });

    private static DeliveryContext Context(string sessionId) => new(
        new CodingTask("Fix the cart") { Title = "Fix the cart" },
        new BranchOnlyWorkspace(),
        new SessionResult { SessionId = sessionId, Status = SessionStatus.Succeeded, Summary = "Fixed.", Commit = "abc123" })
    {
        Previous = [new DeliveryResult { Channel = "push", Succeeded = true, Branch = "honk/fix", Commit = "abc123" }],
    };

    private sealed class BranchOnlyWorkspace : Workspace
    {
        public override string RootPath => "/nonexistent/honk-test-workspace";

        public override string? Branch => "honk/fix";

        public override ValueTask<IReadOnlyList<string>> GetChangedFilesAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult<IReadOnlyList<string>>([]);

        public override ValueTask<string> GetDiffAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult("");
    }
}
