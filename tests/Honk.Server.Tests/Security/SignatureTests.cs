using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace Honk.Server.Tests;

public sealed class SignatureTests
{
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";

    [Fact]
    public void GitHubVerify_DocumentedExample_IsValid()
    {
        // The example from GitHub's "Validating webhook deliveries" page.
        var verifier = new GitHubSignatureVerifier("It's a Secret to Everybody");
        var body = Encoding.UTF8.GetBytes("Hello, World!");
        Assert.Equal(WebhookCheck.Valid, verifier.Verify("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", body));
        Assert.Equal("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", GitHubSignatureVerifier.Sign("It's a Secret to Everybody", body));
    }

    [Theory]
    [InlineData(null, WebhookCheck.Missing)]
    [InlineData("", WebhookCheck.Missing)]
    [InlineData("sha1=757107ea0eb2509fc211221cce984b8a37570b6d", WebhookCheck.Missing)]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e18", WebhookCheck.BadSignature)]
    [InlineData("sha256=zz", WebhookCheck.BadSignature)]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", WebhookCheck.BadSignature)]
    public void GitHubVerify_WrongOrMissingSignature_IsRefused(string? signature, WebhookCheck expected)
    {
        // The last case signs the right body with another secret.
        var verifier = new GitHubSignatureVerifier("another secret");
        Assert.Equal(expected, verifier.Verify(signature, Encoding.UTF8.GetBytes("Hello, World!")));
    }

    [Fact]
    public void GitHubVerify_BodyChangedAfterSigning_IsBadSignature()
    {
        var verifier = new GitHubSignatureVerifier("s3cret");
        var signature = GitHubSignatureVerifier.Sign("s3cret", "{\"a\":1}"u8);
        Assert.Equal(WebhookCheck.Valid, verifier.Verify(signature, "{\"a\":1}"u8));
        Assert.Equal(WebhookCheck.BadSignature, verifier.Verify(signature, "{\"a\":2}"u8));
    }

    [Fact]
    public void SlackVerify_SignedNow_IsValid()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        var verifier = new SlackRequestVerifier(Secret, time);
        var body = "command=%2Fhonk&text=fix+it&user_id=U1&channel_id=C1"u8.ToArray();
        var signature = SlackRequestVerifier.Sign(Secret, "1700000000", body);
        Assert.StartsWith("v0=", signature, StringComparison.Ordinal);
        Assert.Equal(WebhookCheck.Valid, verifier.Verify("1700000000", signature, body));
    }

    [Fact]
    public void SlackSign_MatchesIndependentHmacOfBaseString()
    {
        var body = "token=x&text=hi"u8.ToArray();
        var expected = "v0=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes("v0:1531420618:token=x&text=hi")));
        Assert.Equal(expected, SlackRequestVerifier.Sign(Secret, "1531420618", body));
    }

    [Theory]
    [InlineData(-301, WebhookCheck.Stale)]
    [InlineData(301, WebhookCheck.Stale)]
    [InlineData(-299, WebhookCheck.Valid)]
    [InlineData(299, WebhookCheck.Valid)]
    public void SlackVerify_TimestampOutsideFiveMinutes_IsStale(int offsetSeconds, WebhookCheck expected)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var verifier = new SlackRequestVerifier(Secret, new FakeTimeProvider(now));
        var timestamp = (1_700_000_000 + offsetSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = "text=hi"u8.ToArray();
        Assert.Equal(expected, verifier.Verify(timestamp, SlackRequestVerifier.Sign(Secret, timestamp, body), body));
    }

    [Theory]
    [InlineData(null, "v0=00")]
    [InlineData("1700000000", null)]
    [InlineData("17e8", "v0=00")]
    [InlineData("1700000000", "v1=abcdef")]
    public void SlackVerify_MissingOrMalformedHeaders_IsMissing(string? timestamp, string? signature)
    {
        var verifier = new SlackRequestVerifier(Secret, new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000)));
        Assert.Equal(WebhookCheck.Missing, verifier.Verify(timestamp, signature, "x"u8));
    }

    [Fact]
    public void SlackVerify_WrongSecretOrTamperedBody_IsBadSignature()
    {
        var verifier = new SlackRequestVerifier(Secret, new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000)));
        var body = "text=hi"u8.ToArray();
        Assert.Equal(WebhookCheck.BadSignature, verifier.Verify("1700000000", SlackRequestVerifier.Sign("wrong-secret", "1700000000", body), body));
        Assert.Equal(WebhookCheck.BadSignature, verifier.Verify("1700000000", SlackRequestVerifier.Sign(Secret, "1700000000", body), "text=ho"u8));
        // A signature made for another timestamp does not carry over to this one.
        Assert.Equal(WebhookCheck.BadSignature, verifier.Verify("1700000000", SlackRequestVerifier.Sign(Secret, "1700000001", body), body));
    }
}
