using System.Net;

namespace Honk.Server.Tests;

public sealed class ReviewEndpointTests : IDisposable
{
    private readonly GitRepo _repo = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _repo.Dispose();

    [Fact]
    public async Task SessionPage_WithoutOrWithWrongToken_Is404ForExistingAndMissingAlike()
    {
        await using var app = await ServerApp.StartAsync();
        var view = AddFinished(app);
        var otherToken = app.SessionToken("other", "slack:U_ALLOWED");
        foreach (var path in new[] { $"review/{view.Id}", $"review/{view.Id}?t={otherToken}", $"review/{view.Id}?t=forged.123.abc", "review/missing?t=" + app.SessionToken("missing", "x").Replace(".", "x", StringComparison.Ordinal) })
        {
            using var response = await app.Client.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("Cart", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        using var events = await app.Client.GetAsync($"review/{view.Id}/events", Ct);
        Assert.Equal(HttpStatusCode.NotFound, events.StatusCode);
        using var list = await app.Client.GetAsync("review", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
    }

    [Fact]
    public async Task SessionPage_SignedLink_ShowsDiffChecksAndCostWithSecurityHeaders()
    {
        await using var app = await ServerApp.StartAsync();
        var view = AddFinished(app);
        using var response = await app.Client.GetAsync($"review/{view.Id}?t={app.SessionToken(view.Id, "slack:U_ALLOWED")}", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<span class=\"path\">src/Cart.cs</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"k\">public</span>", html, StringComparison.Ordinal);
        Assert.Contains("12 tests passed", html, StringComparison.Ordinal);
        Assert.Contains("$0.04", html, StringComparison.Ordinal);
        Assert.Contains("id=\"approve\"", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html.Replace("https://github.com", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionPage_HostileText_IsEscaped()
    {
        await using var app = await ServerApp.StartAsync();
        var view = app.Gateway.AddCompleted(
            new SessionSubmission("/r", new CodingTask("<script>alert(1)</script>"), new SessionSource { Kind = "api", Requester = "<b>me</b>" }),
            new SessionResult { SessionId = "x", Status = SessionStatus.Failed, Summary = "<img src=x onerror=alert(1)>" });
        var html = await app.Client.GetStringAsync($"review/{view.Id}?t={app.SessionToken(view.Id, "lead")}", Ct);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_TwiceByApprover_MergesOnce()
    {
        await using var app = await ServerApp.StartAsync();
        var view = AddFinished(app);
        var token = app.SessionToken(view.Id, "lead");
        using var handlerless = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseUrl };
        for (var i = 0; i < 2; i++)
        {
            using var response = await handlerless.PostAsync(ServerApp.FormAction($"review/{view.Id}/approve", token), new FormUrlEncodedContent([new("t", token)]), Ct);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains(i == 0 ? "Approved." : "Already approved.", Uri.UnescapeDataString(response.Headers.Location!.ToString()), StringComparison.Ordinal);
        }

        Assert.Equal(1, app.Gateway.EffectRuns);
        Assert.Contains("Total(Item[] items) => items.Sum(i => i.Price * i.Quantity)", _repo.Show("main:src/Cart.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_NotAllowListedOrSelfApprovalOrNoToken_IsRefusedAndMergesNothing()
    {
        await using var app = await ServerApp.StartAsync(o => o.Access.RequesterMayApprove = false);
        var view = AddFinished(app);
        using var stranger = await app.Client.PostAsync(ServerApp.FormAction($"review/{view.Id}/approve", app.SessionToken(view.Id, "slack:U_STRANGER")), new FormUrlEncodedContent([new("t", app.SessionToken(view.Id, "slack:U_STRANGER"))]), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
        using var self = await app.Client.PostAsync(ServerApp.FormAction($"review/{view.Id}/approve", app.SessionToken(view.Id, "slack:U_ALLOWED")), new FormUrlEncodedContent([new("t", app.SessionToken(view.Id, "slack:U_ALLOWED"))]), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);
        using var none = await app.Client.PostAsync($"review/{view.Id}/approve", new FormUrlEncodedContent([new("x", "y")]), Ct);
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal(0, app.Gateway.EffectRuns);
        Assert.DoesNotContain("Quantity", _repo.Show("main:src/Cart.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_ValidToken_SetsCookieThatOpensTheList()
    {
        await using var app = await ServerApp.StartAsync();
        AddFinished(app);
        var login = new ReviewLinks(ServerApp.LinkKey).CreateLoginToken("lead", TimeSpan.FromHours(1));
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = app.BaseUrl };
        var html = await client.GetStringAsync($"review/login?t={login}", Ct);
        Assert.Contains("Make Total use quantities", html, StringComparison.Ordinal);
        using var bad = await client.GetAsync("review/login?t=nope", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
    }

    [Fact]
    public async Task Assets_AreServedLocally()
    {
        await using var app = await ServerApp.StartAsync();
        Assert.Contains("prefers-color-scheme: dark", await app.Client.GetStringAsync("review/assets/honk.css", Ct), StringComparison.Ordinal);
        Assert.Contains("EventSource", await app.Client.GetStringAsync("review/assets/honk.js", Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("review/assets/other.js", Ct)).StatusCode);
    }

    private SessionView AddFinished(ServerApp app)
    {
        var result = _repo.CommitSession("r1", null, "src/Cart.cs",
            "namespace Shop;\n\npublic class Cart\n{\n    // Quantities count.\n    public decimal Total(Item[] items) => items.Sum(i => i.Price * i.Quantity);\n}\n", "Make Total use quantities");
        app.Gateway.Diff = v => v.Result?.Branch is { } b ? _repo.Diff(b) : null;
        return app.Gateway.AddCompleted(
            new SessionSubmission(_repo.Remote, new CodingTask("Make Total use quantities") { Title = "Make Total use quantities" }, new SessionSource { Kind = "slack", Requester = "slack:U_ALLOWED" }),
            result);
    }
}
