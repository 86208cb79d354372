using System.Net;
using System.Text.Json;
using Honk.Testing;

namespace Honk.Server.Tests;

/// <summary>Remote callers name only repositories under configured roots or remotes; nothing else on the machine.</summary>
[Trait("Category", "Security")]
public sealed class RepositoryAllowListTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new("honk-allow");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    private string Root => Directory.CreateDirectory(_folder.Combine("repos")).FullName;

    private string Outside => Directory.CreateDirectory(_folder.Combine("elsewhere/secret-tree")).FullName;

    private RepositoryAllowList AllowList(Action<HonkServerOptions>? configure = null)
    {
        var options = new HonkServerOptions();
        options.AllowedRepositoryRoots.Add(Root);
        options.AllowedRemotes.Add("https://github.com/octo/");
        options.Repositories["shop"] = "/srv/git/shop.git";
        configure?.Invoke(options);
        return new RepositoryAllowList(options);
    }

    [Fact]
    public void PathUnderARoot_IsAllowed_AsItsResolvedPath()
    {
        var repo = Directory.CreateDirectory(Path.Combine(Root, "app")).FullName;
        var decision = AllowList().Resolve(repo);
        Assert.True(decision.Allowed, decision.Error);
        Assert.Equal(repo, decision.Repository);
    }

    [Fact]
    public void PathOutsideTheRoots_IsForbidden()
    {
        var decision = AllowList().Resolve(Outside);
        Assert.Equal(403, decision.Status);
        Assert.Contains("outside the folders this server allows", decision.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingPathOutsideTheRoots_ReadsLikeAnyOtherOutsidePath()
    {
        var missing = AllowList().Resolve("/nonexistent/honk/probe");
        var existing = AllowList().Resolve(Outside);
        Assert.Equal(403, missing.Status);
        Assert.Equal(existing.Status, missing.Status);
        Assert.Equal(400, AllowList().Resolve(Path.Combine(Root, "not-yet")).Status);
    }

    [Fact]
    public void WithoutRoots_LocalPathsAreOff()
    {
        var decision = AllowList(o => o.AllowedRepositoryRoots.Clear()).Resolve(Root);
        Assert.Equal(403, decision.Status);
        Assert.Contains("Local paths are off for remote callers", decision.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/../elsewhere/secret-tree")]
    [InlineData("/app/../../elsewhere/secret-tree")]
    [InlineData("/..")]
    public void Traversal_IsRefused(string suffix)
    {
        Directory.CreateDirectory(Path.Combine(Root, "app"));
        _ = Outside;
        var decision = AllowList().Resolve(Root + suffix);
        Assert.Equal(400, decision.Status);
        Assert.Contains("'..'", decision.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void SymlinkOutOfARoot_IsResolvedAndForbidden()
    {
        var link = Path.Combine(Root, "innocent");
        File.CreateSymbolicLink(link, Outside);
        var decision = AllowList().Resolve(link);
        Assert.Equal(403, decision.Status);
        Assert.Contains("symbolic link", decision.Error, StringComparison.Ordinal);
        Assert.Contains(Outside, decision.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void SymlinkedParentOutOfARoot_IsForbidden()
    {
        Directory.CreateDirectory(Path.Combine(Outside, "nested"));
        File.CreateSymbolicLink(Path.Combine(Root, "door"), Path.GetDirectoryName(Outside)!);
        var decision = AllowList().Resolve(Path.Combine(Root, "door", "secret-tree", "nested"));
        Assert.Equal(403, decision.Status);
    }

    [Fact]
    public void SymlinkWithinARoot_IsAllowedAsItsTarget()
    {
        var target = Directory.CreateDirectory(Path.Combine(Root, "real")).FullName;
        File.CreateSymbolicLink(Path.Combine(Root, "alias"), "real");
        var decision = AllowList().Resolve(Path.Combine(Root, "alias"));
        Assert.True(decision.Allowed, decision.Error);
        Assert.Equal(target, decision.Repository);
    }

    [Theory]
    [InlineData("https://github.com/octo/shop.git", true)]
    [InlineData("https://github.com/octo-evil/shop.git", false)]
    [InlineData("https://github.com/other/shop.git", false)]
    [InlineData("git@github.com:octo/shop.git", false)]
    [InlineData("file:///etc", false)]
    [InlineData("https://github.com/octo/../other/x.git", false)]
    public void Remotes_OnlyUnderAnAllowedPrefix(string url, bool allowed)
    {
        var decision = AllowList().Resolve(url);
        Assert.Equal(allowed, decision.Allowed);
    }

    [Fact]
    public void NamedRepository_IsItsConfiguredLocation()
        => Assert.Equal("/srv/git/shop.git", AllowList().Resolve("shop").Repository);

    [Fact]
    public void GitHubComment_ActsOnItsOwnRepositoryOnly()
    {
        var list = AllowList();
        Assert.Equal("https://github.com/octo/shop.git", list.ResolveGitHub(Comment("octo/shop", "https://github.com/octo/shop.git")).Repository);

        // The payload names one repository and points the clone at another.
        var swapped = list.ResolveGitHub(Comment("octo/shop", "https://github.com/octo/other.git"));
        Assert.Equal(403, swapped.Status);
        Assert.Contains("its own repository only", swapped.Error, StringComparison.Ordinal);
        Assert.False(list.ResolveGitHub(Comment("octo/shop", "/home/someone/src/secret")).Allowed);

        // Another organisation's repository, signed with the same webhook secret, is not on the list.
        var foreign = list.ResolveGitHub(Comment("evil/repo", "https://github.com/evil/repo.git"));
        Assert.Equal(403, foreign.Status);
        Assert.Contains("not on this server's allow-list", foreign.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_LocalPathOutsideTheAllowList_Is403AndStartsNothing()
    {
        await using var app = await ServerApp.StartAsync(o => o.AllowedRepositoryRoots.Add(Root));
        foreach (var (repository, status) in new[] { (Outside, HttpStatusCode.Forbidden), ("/etc", HttpStatusCode.Forbidden), (Root + "/../elsewhere/secret-tree", HttpStatusCode.BadRequest), ("https://example.com/x.git", HttpStatusCode.Forbidden) })
        {
            using var response = await app.Client.SendAsync(app.Api(HttpMethod.Post, "api/sessions", JsonSerializer.Serialize(new { repository, task = "push here" })), Ct);
            Assert.Equal(status, response.StatusCode);
            Assert.Contains("\"title\":", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        Assert.Empty(app.Gateway.Submissions);
        var inside = Directory.CreateDirectory(Path.Combine(Root, "app")).FullName;
        using var ok = await app.Client.SendAsync(app.Api(HttpMethod.Post, "api/sessions", JsonSerializer.Serialize(new { repository = inside, task = "fix" })), Ct);
        Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
        Assert.Equal(inside, Assert.Single(app.Gateway.Submissions).Repository);
    }

    [Fact]
    public async Task GitHubWebhook_OtherRepositoryOrLocalClonePath_Is403AndStartsNothing()
    {
        await using var app = await ServerApp.StartAsync();
        var foreign = GitHubPayloads.IssueComment("@honk fix it", "octocat", fullName: "evil/repo");
        var local = GitHubPayloads.IssueComment("@honk fix it", "octocat", cloneUrl: Outside);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Client.SendAsync(ServerApp.GitHubRequest("issue_comment", foreign, "d-foreign"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Client.SendAsync(ServerApp.GitHubRequest("issue_comment", local, "d-local"), Ct)).StatusCode);
        Assert.Empty(app.Gateway.Submissions);
    }

    private static GitHubIssueCommentEvent Comment(string fullName, string cloneUrl)
        => new() { Action = "created", Body = "@honk fix", Login = "octocat", RepositoryFullName = fullName, CloneUrl = cloneUrl, IssueNumber = 1 };
}
