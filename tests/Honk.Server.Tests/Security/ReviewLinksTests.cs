using Microsoft.Extensions.Time.Testing;

namespace Honk.Server.Tests;

public sealed class ReviewLinksTests
{
    private const string Key = "0123456789abcdef0123456789abcdef-test-key";

    [Fact]
    public void ValidateForSession_OwnToken_ReturnsSubject()
    {
        var links = new ReviewLinks(Key, new FakeTimeProvider());
        var token = links.CreateSessionToken("s1", "slack:U1", TimeSpan.FromHours(1));
        Assert.Equal("slack:U1", links.ValidateForSession("s1", token));
    }

    [Fact]
    public void ValidateForSession_TokenOfAnotherSession_IsRefused()
    {
        var links = new ReviewLinks(Key, new FakeTimeProvider());
        var token = links.CreateSessionToken("s1", "slack:U1", TimeSpan.FromHours(1));
        Assert.Null(links.ValidateForSession("s2", token));
        Assert.Null(links.ValidateLogin(token));
    }

    [Fact]
    public void ValidateForSession_Expired_IsRefused()
    {
        var time = new FakeTimeProvider();
        var links = new ReviewLinks(Key, time);
        var token = links.CreateSessionToken("s1", "me", TimeSpan.FromMinutes(5));
        time.Advance(TimeSpan.FromMinutes(6));
        Assert.Null(links.ValidateForSession("s1", token));
    }

    [Fact]
    public void ValidateForSession_ForgedSubjectOrExpiryOrKey_IsRefused()
    {
        var links = new ReviewLinks(Key, new FakeTimeProvider());
        var token = links.CreateSessionToken("s1", "viewer", TimeSpan.FromHours(1));
        var parts = token.Split('.');
        var otherSubject = System.Buffers.Text.Base64Url.EncodeToString("admin"u8);
        Assert.Null(links.ValidateForSession("s1", $"{otherSubject}.{parts[1]}.{parts[2]}"));
        Assert.Null(links.ValidateForSession("s1", $"{parts[0]}.{long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) + 1000}.{parts[2]}"));
        Assert.Null(new ReviewLinks(Key + "x", new FakeTimeProvider()).ValidateForSession("s1", token));
        Assert.Null(links.ValidateForSession("s1", "garbage"));
        Assert.Null(links.ValidateForSession("s1", "a.b.c"));
        Assert.Null(links.ValidateForSession("s1", null));
    }

    [Fact]
    public void ValidateForSession_LoginToken_OpensEverySession()
    {
        var links = new ReviewLinks(Key, new FakeTimeProvider());
        var login = links.CreateLoginToken("admin", TimeSpan.FromDays(1));
        Assert.Equal("admin", links.ValidateLogin(login));
        Assert.Equal("admin", links.ValidateForSession("any", login));
    }

    [Fact]
    public void Constructor_ShortKey_Throws()
        => Assert.Throws<ArgumentException>(() => new ReviewLinks("short"));
}
