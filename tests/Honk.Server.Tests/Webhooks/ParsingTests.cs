using System.Text;

namespace Honk.Server.Tests;

public sealed class ParsingTests
{
    [Fact]
    public void SlashCommandTryParse_SlackForm_ReadsEveryField()
    {
        const string form = "token=x&team_id=T1&channel_id=C0123&user_id=U0456&command=%2Fhonk&text=shop+fix+the+NRE+%26+test+it"
            + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1%2F1%2Fabc&trigger_id=13345.2";
        Assert.True(SlackSlashCommand.TryParse(form, out var command));
        Assert.Equal("/honk", command!.Command);
        Assert.Equal("shop fix the NRE & test it", command.Text);
        Assert.Equal("U0456", command.UserId);
        Assert.Equal("C0123", command.ChannelId);
        Assert.Equal(new Uri("https://hooks.slack.com/commands/T1/1/abc"), command.ResponseUrl);
        Assert.Equal("13345.2", command.TriggerId);
    }

    [Theory]
    [InlineData("text=hi&user_id=U1&channel_id=C1")]
    [InlineData("command=%2Fhonk&channel_id=C1")]
    [InlineData("command=%2Fhonk&user_id=U1")]
    [InlineData("command=%2Fhonk&user_id=U1&channel_id=C1&response_url=javascript%3Aalert(1)")]
    [InlineData("")]
    public void SlashCommandTryParse_MissingFieldsOrBadUrl_IsFalse(string form)
        => Assert.False(SlackSlashCommand.TryParse(form, out _));

    [Fact]
    public void SlackEventTryParse_UrlVerification_ReturnsChallenge()
    {
        Assert.True(SlackEventRequest.TryParse("""{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}"""u8, out var e));
        Assert.Equal(SlackEventKind.UrlVerification, e!.Kind);
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", e.Challenge);
    }

    [Fact]
    public void SlackEventTryParse_AppMentionInThread_ReadsThreadAndId()
    {
        var json = """
            {"type":"event_callback","event_id":"Ev0PV52K21","team_id":"T1",
             "event":{"type":"app_mention","user":"W021FGA1Z","text":"<@U0LAN0Z89> fix the build","ts":"1515449522.000016","thread_ts":"1515449500.000001","channel":"C0LAN2Q65"}}
            """;
        Assert.True(SlackEventRequest.TryParse(Encoding.UTF8.GetBytes(json), out var e));
        Assert.Equal(SlackEventKind.AppMention, e!.Kind);
        Assert.Equal("Ev0PV52K21", e.EventId);
        Assert.Equal("W021FGA1Z", e.UserId);
        Assert.Equal("C0LAN2Q65", e.ChannelId);
        Assert.Equal("1515449500.000001", e.ThreadTs);
        Assert.Equal("fix the build", HonkMention.FromSlackMention(e.Text!));
    }

    [Fact]
    public void SlackEventTryParse_TopLevelMention_ThreadsOnItsOwnTs()
    {
        Assert.True(SlackEventRequest.TryParse("""{"type":"event_callback","event_id":"E1","event":{"type":"app_mention","user":"U1","text":"<@UB> x","ts":"1.2","channel":"C1"}}"""u8, out var e));
        Assert.Equal("1.2", e!.ThreadTs);
    }

    [Fact]
    public void SlackEventTryParse_OtherEvent_IsOther()
    {
        Assert.True(SlackEventRequest.TryParse("""{"type":"event_callback","event_id":"E2","event":{"type":"reaction_added","user":"U1"}}"""u8, out var e));
        Assert.Equal(SlackEventKind.Other, e!.Kind);
        Assert.Equal("E2", e.EventId);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"type":"url_verification"}""")]
    [InlineData("""{"type":"event_callback","event":{"type":"app_mention","user":"U1","channel":"C1"}}""")]
    [InlineData("""{"type":"event_callback","event_id":"E1","event":{"type":"app_mention","channel":"C1"}}""")]
    public void SlackEventTryParse_Malformed_IsFalse(string json)
        => Assert.False(SlackEventRequest.TryParse(Encoding.UTF8.GetBytes(json), out _));

    [Fact]
    public void GitHubCommentTryParse_PullRequestComment_ReadsEveryField()
    {
        Assert.True(GitHubIssueCommentEvent.TryParse(Encoding.UTF8.GetBytes(GitHubPayloads.IssueComment("@honk add a test", "octocat", pullRequest: true)), out var c));
        Assert.Equal("created", c!.Action);
        Assert.Equal("@honk add a test", c.Body);
        Assert.Equal("octocat", c.Login);
        Assert.Equal("octo/shop", c.RepositoryFullName);
        Assert.Equal("octo", c.Owner);
        Assert.Equal("shop", c.Repository);
        Assert.Equal("https://github.com/octo/shop.git", c.CloneUrl);
        Assert.Equal(42, c.IssueNumber);
        Assert.True(c.IsPullRequest);
    }

    [Fact]
    public void GitHubCommentTryParse_IssueComment_IsNotPullRequest()
    {
        Assert.True(GitHubIssueCommentEvent.TryParse(Encoding.UTF8.GetBytes(GitHubPayloads.IssueComment("hi", "octocat", pullRequest: false)), out var c));
        Assert.False(c!.IsPullRequest);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("""{"action":"created","comment":{"body":"x","user":{"login":"a"}},"issue":{"number":1},"repository":{"full_name":"noslash","clone_url":"u"}}""")]
    [InlineData("""{"action":"created","comment":{"body":"x","user":{"login":"a"}},"issue":{"number":"1"},"repository":{"full_name":"a/b","clone_url":"u"}}""")]
    [InlineData("""{"action":"created","comment":{"body":"x"},"issue":{"number":1},"repository":{"full_name":"a/b","clone_url":"u"}}""")]
    public void GitHubCommentTryParse_Malformed_IsFalse(string json)
        => Assert.False(GitHubIssueCommentEvent.TryParse(Encoding.UTF8.GetBytes(json), out _));

    [Theory]
    [InlineData("@honk fix the NRE", "fix the NRE")]
    [InlineData("Thanks!\n@honk: please add tests\nfor the cart", "please add tests\nfor the cart")]
    [InlineData("  @HONK do it", "do it")]
    [InlineData("@honkers do it", null)]
    [InlineData("email me at x@honk.dev", null)]
    [InlineData("@honk", null)]
    [InlineData("no mention here", null)]
    public void FromGitHubComment_Mentions_ExtractsTask(string body, string? expected)
        => Assert.Equal(expected, HonkMention.FromGitHubComment(body));

    [Theory]
    [InlineData("<@U0LAN0Z89> fix it", "fix it")]
    [InlineData("<@U0LAN0Z89|honk>   fix it  ", "fix it")]
    [InlineData("<@U0LAN0Z89>", null)]
    public void FromSlackMention_StripsLeadingMention(string text, string? expected)
        => Assert.Equal(expected, HonkMention.FromSlackMention(text));

    [Fact]
    public void AccessOptions_AllowListsAndSelfApproval_AreEnforced()
    {
        var access = new HonkAccessOptions();
        Assert.False(access.MayTrigger("slack:U1"));
        access.Triggerers.Add("slack:U1");
        access.Approvers.Add("github:lead");
        Assert.True(access.MayTrigger("slack:U1"));
        Assert.False(access.MayTrigger("slack:U2"));
        Assert.True(access.MayApprove("github:lead", "github:lead"));
        Assert.False(access.MayApprove("slack:U1", "github:lead"));
        access.RequesterMayApprove = false;
        Assert.False(access.MayApprove("github:lead", "github:lead"));
        Assert.True(access.MayApprove("github:lead", "slack:U1"));
        access.Triggerers.Add("*");
        Assert.True(access.MayTrigger("slack:anyone"));
    }
}
