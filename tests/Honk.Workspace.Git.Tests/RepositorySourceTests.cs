using Honk.Workspaces.Git.Internal;

namespace Honk.Workspaces.Git.Tests;

public sealed class RepositorySourceTests
{
    [Theory]
    [InlineData("https://github.com/org/repo.git", true)]
    [InlineData("file:///srv/repo", true)]
    [InlineData("git://host/repo", true)]
    [InlineData("ssh://git@host:2222/repo", true)]
    [InlineData("git@github.com:org/repo.git", true)]
    [InlineData("host:repo", true)]
    [InlineData("/home/me/repo", false)]
    [InlineData("./repo", false)]
    [InlineData("repo", false)]
    [InlineData("../dir/with:colon", false)]
    public void IsUrl_Various_ClassifiesLikeGit(string repository, bool expected)
        => Assert.Equal(expected, RepositorySource.IsUrl(repository));

    [Theory]
    [InlineData("https://GitHub.com/org/repo.git", "https://github.com/org/repo")]
    [InlineData("https://github.com/org/repo/", "https://github.com/org/repo")]
    [InlineData("https://github.com:443/org/repo", "https://github.com/org/repo")]
    [InlineData("https://user:token@github.com/org/repo.git", "https://user@github.com/org/repo")]
    [InlineData("git://host:9418/repo.git", "git://host/repo")]
    [InlineData("git://host:9999/repo", "git://host:9999/repo")]
    [InlineData("ssh://git@Host:22/org/repo.git", "ssh://git@host/org/repo")]
    [InlineData("git@Host:org/repo.git", "ssh://git@host/org/repo")]
    [InlineData("file:///srv/repo.git", "file:///srv/repo")]
    public void FromUrl_Variants_NormalizeToOneKey(string url, string key)
    {
        var source = RepositorySource.FromUrl(url);

        Assert.Equal(key, source.Key);
        Assert.Equal(url, source.FetchUrl);
        Assert.False(source.IsLocal);
        Assert.DoesNotContain("token", source.MirrorName, StringComparison.Ordinal);
    }

    [Fact]
    public void MirrorName_SameRepositoryWrittenTwoWays_IsTheSameFolder()
    {
        var a = RepositorySource.FromUrl("https://github.com/Org/My.Repo.git");
        var b = RepositorySource.FromUrl("https://GITHUB.com/Org/My.Repo/");
        var other = RepositorySource.FromUrl("https://github.com/Org/Other.git");

        Assert.Equal(a.MirrorName, b.MirrorName);
        Assert.NotEqual(a.MirrorName, other.MirrorName);
        Assert.Matches("^My.Repo-[0-9a-f]{12}$", a.MirrorName);
    }

    [Fact]
    public void FromLocalPath_OddFolderName_GivesASafeName()
    {
        var source = RepositorySource.FromLocalPath("/home/me/my repo (copy)");

        Assert.True(source.IsLocal);
        Assert.Equal("/home/me/my repo (copy)", source.FetchUrl);
        Assert.Matches("^my-repo--copy-[0-9a-f]{12}$", source.MirrorName);
    }

    [Theory]
    [InlineData("https://user:p4ss@host/repo", "https://user:***@host/repo")]
    [InlineData("fatal: unable to access 'https://x:y@h/r/': 401", "fatal: unable to access 'https://x:***@h/r/': 401")]
    [InlineData("https://host/repo", "https://host/repo")]
    [InlineData("git@host:repo", "git@host:repo")]
    public void Redact_UrlsWithPasswords_MasksThePassword(string text, string expected)
        => Assert.Equal(expected, GitRedaction.Redact(text));
}
