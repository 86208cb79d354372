using System.Net;
using System.Text.Json;

namespace Honk.Server.Tests;

public sealed class ApiEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-key-0123456789abc")]
    [InlineData("Basic dGVzdDp0ZXN0")]
    public async Task Api_WithoutValidKey_Is401AndStartsNothing(string? authorization)
    {
        await using var app = await ServerApp.StartAsync();
        foreach (var (method, path) in new[] { (HttpMethod.Post, "api/sessions"), (HttpMethod.Get, "api/sessions"), (HttpMethod.Get, "api/sessions/s0001"), (HttpMethod.Get, "api/sessions/s0001/events"), (HttpMethod.Post, "api/sessions/s0001/cancel") })
        {
            using var request = new HttpRequestMessage(method, path) { Content = method == HttpMethod.Post ? new StringContent("""{"repository":"r","task":"t"}""") : null };
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            using var response = await app.Client.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        Assert.Empty(app.Gateway.Submissions);
    }

    [Fact]
    public async Task CreateSession_ValidRequest_Is202WithReviewUrlAndRunsIt()
    {
        await using var app = await ServerApp.StartAsync();
        using var response = await app.Client.SendAsync(app.Api(HttpMethod.Post, "api/sessions", """{"repository":"shop","task":"Fix the NRE","title":"NRE"}"""), Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var id = json.RootElement.GetProperty("id").GetString()!;
        Assert.Equal("/repos/shop", json.RootElement.GetProperty("repository").GetString());
        Assert.Contains($"/review/{id}?t=", json.RootElement.GetProperty("reviewUrl").GetString(), StringComparison.Ordinal);
        var done = await app.Gateway.WaitForCompletionAsync(id);
        Assert.Equal(SessionStatus.Succeeded, done.Result!.Status);
        Assert.Equal("Fix the NRE", Assert.Single(app.Gateway.Submissions).Task.Goal);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"repository":"shop"}""")]
    [InlineData("""{"task":"x"}""")]
    [InlineData("null")]
    public async Task CreateSession_MalformedBody_Is400(string body)
    {
        await using var app = await ServerApp.StartAsync();
        using var response = await app.Client.SendAsync(app.Api(HttpMethod.Post, "api/sessions", body), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(app.Gateway.Submissions);
    }

    [Fact]
    public async Task CreateSession_OversizedBody_Is413()
    {
        await using var app = await ServerApp.StartAsync(o => o.MaxBodyBytes = 4096);
        var big = JsonSerializer.Serialize(new { repository = "shop", task = new string('x', 5000) });
        using var response = await app.Client.SendAsync(app.Api(HttpMethod.Post, "api/sessions", big), Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(app.Gateway.Submissions);
    }

    [Fact]
    public async Task ListAndGet_AfterCreate_ShowTheSessionAndItsResult()
    {
        await using var app = await ServerApp.StartAsync();
        var view = await app.Gateway.SubmitAsync(new SessionSubmission("/r", new CodingTask("task one"), new SessionSource { Kind = "api", Requester = "api" }), Ct);
        await app.Gateway.WaitForCompletionAsync(view.Id);

        using var list = JsonDocument.Parse(await (await app.Client.SendAsync(app.Api(HttpMethod.Get, "api/sessions"), Ct)).Content.ReadAsStringAsync(Ct));
        Assert.Equal(view.Id, list.RootElement.GetProperty("sessions")[0].GetProperty("id").GetString());

        using var one = JsonDocument.Parse(await (await app.Client.SendAsync(app.Api(HttpMethod.Get, $"api/sessions/{view.Id}"), Ct)).Content.ReadAsStringAsync(Ct));
        Assert.Equal("succeeded", one.RootElement.GetProperty("status").GetString());
        Assert.Equal("succeeded", one.RootElement.GetProperty("result").GetProperty("status").GetString());

        using var missing = await app.Client.SendAsync(app.Api(HttpMethod.Get, "api/sessions/nope"), Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Events_ServerSentEvents_StreamAllThenResumeFromLastEventId()
    {
        await using var app = await ServerApp.StartAsync();
        app.Gateway.Executor = async (id, submission, emit, ct) =>
        {
            emit(new TurnStarted(1));
            emit(new TurnStarted(2));
            await Task.Yield();
            return new SessionResult { SessionId = id, Status = SessionStatus.Succeeded };
        };
        var view = await app.Gateway.SubmitAsync(new SessionSubmission("/r", new CodingTask("t"), new SessionSource { Kind = "api", Requester = "api" }), Ct);
        await app.Gateway.WaitForCompletionAsync(view.Id);

        using var all = await app.Client.SendAsync(app.Api(HttpMethod.Get, $"api/sessions/{view.Id}/events"), Ct);
        Assert.Equal("text/event-stream", all.Content.Headers.ContentType!.MediaType);
        var text = await all.Content.ReadAsStringAsync(Ct);
        Assert.Contains("id: 1\nevent: session_started\n", text, StringComparison.Ordinal);
        Assert.Contains("id: 2\nevent: turn_started\ndata: {\"type\":\"turn_started\"", text, StringComparison.Ordinal);
        Assert.Contains("id: 4\nevent: session_completed\n", text, StringComparison.Ordinal);
        Assert.EndsWith("event: end\ndata: {}\n\n", text, StringComparison.Ordinal);

        var resume = app.Api(HttpMethod.Get, $"api/sessions/{view.Id}/events");
        resume.Headers.Add("Last-Event-ID", "3");
        var rest = await (await app.Client.SendAsync(resume, Ct)).Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("id: 3\n", rest, StringComparison.Ordinal);
        Assert.Contains("id: 4\nevent: session_completed\n", rest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_RunningSession_CancelsIt_ThenConflicts()
    {
        await using var app = await ServerApp.StartAsync();
        app.Gateway.Executor = async (id, _, _, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return null!;
        };
        var view = await app.Gateway.SubmitAsync(new SessionSubmission("/r", new CodingTask("t"), new SessionSource { Kind = "api", Requester = "api" }), Ct);
        using var cancel = await app.Client.SendAsync(app.Api(HttpMethod.Post, $"api/sessions/{view.Id}/cancel"), Ct);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal(SessionStatus.Cancelled, (await app.Gateway.WaitForCompletionAsync(view.Id)).Result!.Status);

        using var again = await app.Client.SendAsync(app.Api(HttpMethod.Post, $"api/sessions/{view.Id}/cancel"), Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var missing = await app.Client.SendAsync(app.Api(HttpMethod.Post, "api/sessions/nope/cancel"), Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
