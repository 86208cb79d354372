using Honk.Delivery.GitHub;

namespace Honk.Delivery.Tests.GitHub;

/// <summary>
/// The model's summary went into the pull request's body as it was: `@org/team` notified a team and `Fixes #1` closed
/// issue 1 when the pull request was merged (ADR 0039).
/// </summary>
[Trait("Category", "Security")]
public sealed class QuietMarkdownTests
{
    private const char ZeroWidthSpace = '\u200B';

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("ping @octocat please", "ping @\u200Boctocat please")]
    [InlineData("@org/team, look", "@\u200Borg/team, look")]
    [InlineData("(@a-b)", "(@\u200Ba-b)")]
    [InlineData("Fixes #1", "Fixes\u200B #1")]
    [InlineData("this closes: octo/repo#12", "this closes\u200B: octo/repo#12")]
    [InlineData("RESOLVED https://github.com/o/r/issues/3", "RESOLVED\u200B https://github.com/o/r/issues/3")]
    [InlineData("fix\n#7", "fix\u200B\n#7")]
    public void Neutralise_MentionsAndClosingKeywords_GetAZeroWidthSpace(string text, string expected)
        => Assert.Equal(expected, QuietMarkdown.Neutralise(text));

    [Theory]
    [InlineData("mail me at dev@example.com")]
    [InlineData("a fix for the parser; see #4")]
    [InlineData("prefixes #1 and suffixes")]
    [InlineData("@ alone, @@, @_x")]
    [InlineData("")]
    public void Neutralise_TextWithoutMentionOrClosingReference_IsUnchanged(string text)
        => Assert.Equal(text, QuietMarkdown.Neutralise(text));

    [Fact]
    public async Task DeliverAsync_SummaryMentioningATeamAndClosingAnIssue_BodyDoesNeither()
    {
        await using var github = new FakeGitHub();
        using var http = new HttpClient();
        var channel = new GitHubPullRequestChannel(GitHubPullRequestChannelTests.Client(http, github), GitHubPullRequestChannelTests.Options());
        var pushed = new DeliveryResult { Channel = "push", Succeeded = true, Branch = "honk/x", Commit = "0123456789abcdef" };
        var context = GitHubPullRequestChannelTests.Context(pushed, summary: "Done, @octo/security-team please review. Fixes #1");

        var result = await channel.DeliverAsync(context, Ct);

        Assert.True(result.Succeeded, result.Message);
        var body = Assert.Single(github.Requests, r => r.Method == "POST" && r.Path.EndsWith("/pulls", StringComparison.Ordinal)).Json["body"]!.GetValue<string>();
        Assert.Contains($"@{ZeroWidthSpace}octo/security-team", body, StringComparison.Ordinal);
        Assert.Contains($"Fixes{ZeroWidthSpace} #1", body, StringComparison.Ordinal);
        Assert.DoesNotContain("@octo/", body, StringComparison.Ordinal);
    }
}
