using System.Net;
using System.Text.Json;

namespace Honk.Server.Tests;

/// <summary>Requester and approver come from authentication, never from a request body.</summary>
[Trait("Category", "Security")]
public sealed class IdentityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("admin")]
    [InlineData("lead")]
    [InlineData("api:lead")]
    public async Task CreateSession_SpoofedRequester_IsRefusedAndStartsNothing(string spoofed)
    {
        // "admin" is the operator login honk serve approves; "lead" and "api:lead" are approvers here.
        await using var app = await ServerApp.StartAsync(o => o.Access.Approvers.Add("admin"));
        using var response = await app.Client.SendAsync(app.Api(HttpMethod.Post, "api/sessions", JsonSerializer.Serialize(new { repository = "shop", task = "merge me", requester = spoofed })), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("the requester is the authenticated API client (api:api)", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(app.Gateway.Submissions);
    }

    [Fact]
    public async Task CreateSession_RequesterIsTheKeysClient_AndItsLinkCannotApprove()
    {
        await using var app = await ServerApp.StartAsync(o => o.Access.Approvers.Add("admin"));
        app.Gateway.Executor = Delivered;
        using var response = await app.Client.SendAsync(app.Api(HttpMethod.Post, "api/sessions", """{"repository":"shop","task":"fix it"}"""), Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("api:api", json.RootElement.GetProperty("requester").GetString());
        var submission = Assert.Single(app.Gateway.Submissions);
        Assert.Equal("api:api", submission.Source.Requester);
        Assert.Equal("api:api", submission.Task.Requester);
        var id = json.RootElement.GetProperty("id").GetString()!;
        await app.Gateway.WaitForCompletionAsync(id);

        // The link opens the page, but the client holds no approve role: no button, and a forged form post is refused.
        var link = new Uri(json.RootElement.GetProperty("reviewUrl").GetString()!);
        var page = await app.Client.GetStringAsync(link.PathAndQuery, Ct);
        Assert.Contains("You may read this session but not approve it.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"approve\"", page, StringComparison.Ordinal);
        var token = Uri.UnescapeDataString(link.Query[3..]);
        using var approve = await app.Client.PostAsync(ServerApp.FormAction($"review/{id}/approve", token), new FormUrlEncodedContent([new("t", token)]), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, approve.StatusCode);
        Assert.Null(await app.Gateway.GetEffectAsync(id, "approve", Ct));
    }

    [Fact]
    public async Task ApproverClient_ItsOwnLinkMayApprove()
    {
        await using var app = await ServerApp.StartAsync();
        app.Gateway.Executor = Delivered;
        using var response = await app.Client.SendAsync(app.Api(HttpMethod.Post, "api/sessions", """{"repository":"shop","task":"fix it"}""", ServerApp.LeadKey), Ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("api:lead", json.RootElement.GetProperty("requester").GetString());
        var id = json.RootElement.GetProperty("id").GetString()!;
        await app.Gateway.WaitForCompletionAsync(id);

        var link = new Uri(json.RootElement.GetProperty("reviewUrl").GetString()!);
        Assert.Contains("id=\"approve\"", await app.Client.GetStringAsync(link.PathAndQuery, Ct), StringComparison.Ordinal);
    }

    /// <summary>A succeeded session with a branch: the only kind the page offers to approve.</summary>
    private static Task<SessionResult> Delivered(string id, SessionSubmission submission, Action<AgentEvent> emit, CancellationToken cancellationToken)
        => Task.FromResult(new SessionResult { SessionId = id, Status = SessionStatus.Succeeded, Summary = "done", Branch = "honk/" + id });

    [Fact]
    public async Task ClientWithoutTriggerRole_MayReadButNotStartOrCancel()
    {
        const string ReaderKey = "approver-only-key-0123456789";
        await using var app = await ServerApp.StartAsync(o =>
        {
            var reviewer = new ApiClientOptions { Name = "reviewer", Key = ReaderKey };
            reviewer.Roles.Add(ApiClientOptions.ApproveRole);
            o.ApiClients.Add(reviewer);
        });
        using var create = await app.Client.SendAsync(app.Api(HttpMethod.Post, "api/sessions", """{"repository":"shop","task":"fix it"}""", ReaderKey), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Contains("lacks the 'trigger' role", await create.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var cancel = await app.Client.SendAsync(app.Api(HttpMethod.Post, "api/sessions/s0001/cancel", key: ReaderKey), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, cancel.StatusCode);
        using var list = await app.Client.SendAsync(app.Api(HttpMethod.Get, "api/sessions", key: ReaderKey), Ct);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Empty(app.Gateway.Submissions);
    }

    [Theory]
    [InlineData("ci", "admin", "unknown role 'admin'")]
    [InlineData("", "trigger", "must be non-empty")]
    [InlineData("c i", "trigger", "must be non-empty letters")]
    public void Options_BadApiClient_FailValidationNamingTheProblem(string name, string role, string expected)
    {
        var options = new HonkServerOptions();
        var client = new ApiClientOptions { Name = name, Key = "a-key-of-enough-length-0123" };
        client.Roles.Add(role);
        options.ApiClients.Add(client);
        var error = Assert.Throws<InvalidOperationException>(options.Validate);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_TwoClientsSharingAKey_FailValidation()
    {
        var options = new HonkServerOptions();
        options.ApiClients.Add(new ApiClientOptions { Name = "a", Key = "same-key-0123456789abcdef" });
        options.ApiClients.Add(new ApiClientOptions { Name = "b", Key = "same-key-0123456789abcdef" });
        Assert.Contains("share a key", Assert.Throws<InvalidOperationException>(options.Validate).Message, StringComparison.Ordinal);
    }
}
