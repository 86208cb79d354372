using Honk.Delivery.Git.Internal;

namespace Honk.Delivery.Tests.Git;

public sealed class CredentialRedactorTests
{
    [Theory]
    [InlineData("push to https://user:p4ss@host/r.git failed", "push to https://user:***@host/r.git failed")]
    [InlineData("no credentials at git://host/r", "no credentials at git://host/r")]
    public void Redact_UrlWithPassword_MasksThePassword(string text, string expected)
    {
        Assert.Equal(expected, CredentialRedactor.Redact(text));
    }

    [Fact]
    public void Redact_TokenAsUserName_MaskedThroughSecretsOfTheUrl()
    {
        var url = "https://ghp_tokenvalue123@github.com/org/repo.git";

        var redacted = CredentialRedactor.Redact($"fatal: could not read from {url}; token ghp_tokenvalue123", CredentialRedactor.SecretsOf(url));

        Assert.DoesNotContain("ghp_tokenvalue123", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void SecretsOf_UrlWithUserAndPassword_IsThePasswordOnly()
    {
        Assert.Equal(["p%40ss", "p@ss"], CredentialRedactor.SecretsOf("https://user:p%40ss@host/r.git"));
        Assert.Empty(CredentialRedactor.SecretsOf("/local/path"));
    }

    [Theory]
    [InlineData("ssh://git@github.com/org/repo.git")]
    [InlineData("git+ssh://deploy@host/r.git")]
    public void SecretsOf_SshUserName_IsNoSecret(string url)
    {
        // A campaign target or push URL in this common form was refused as "carrying a password or token".
        Assert.Empty(CredentialRedactor.SecretsOf(url));
    }

    [Fact]
    public void SecretsOf_SshUrlWithPassword_IsThePassword()
    {
        Assert.Equal(["s3cret"], CredentialRedactor.SecretsOf("ssh://git:s3cret@host/r.git"));
    }
}
