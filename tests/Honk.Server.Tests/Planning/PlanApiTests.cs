using System.Net;
using System.Text.Json;
using Honk.Hosting;

namespace Honk.Server.Tests.Planning;

/// <summary>
/// <c>/api/plans</c> on the real host with scripted models: a one-line request becomes a conversation (a question,
/// answered), a draft that parses; an edited draft with a mistake is refused with the parser's line; Start queues a
/// normal session, linked by its review URL, that runs the task file. Another client sees none of it.
/// </summary>
public sealed class PlanApiTests : IDisposable
{
    private readonly GitRepo _repo = new();
    private readonly string _data = Directory.CreateTempSubdirectory("honk-plan-api-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARequest_IsPlannedThroughTheApi_AndStartedAsASession()
    {
        var planner = PlanningKit.WritePlannerScript(_data);
        var session = PlanningKit.WriteSessionScript(_data);
        await using var app = await RealHostApp.StartAsync(_data, _repo.Remote, _ => session, configureServer: o => o.PlanningModel = "script:" + planner);

        using var created = await app.Client.SendAsync(app.Api(HttpMethod.Post, "api/plans", $$"""{ "repository": "shop", "request": "{{PlanningKit.Request}}" }"""), Ct);
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var id = (await JsonAsync(created)).GetProperty("id").GetString()!;

        var asked = await WaitForStageAsync(app, id, "question");
        Assert.Equal(PlanningKit.Question, asked.GetProperty("question").GetString());
        using (var early = await app.Client.SendAsync(app.Api(HttpMethod.Post, $"api/plans/{id}/start", "{}"), Ct))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        }

        using (var answer = await app.Client.SendAsync(app.Api(HttpMethod.Post, $"api/plans/{id}/answer", $$"""{ "text": "{{PlanningKit.Answer}}" }"""), Ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        }

        var drafted = await WaitForStageAsync(app, id, "draft");
        Assert.Equal(PlanningKit.Draft, drafted.GetProperty("draft").GetString());
        var answered = Assert.Single(drafted.GetProperty("questions").EnumerateArray());
        Assert.Equal(PlanningKit.Answer, answered.GetProperty("answer").GetString());

        // An edit that breaks the file: refused with the parser's problem, naming the line; nothing starts.
        var broken = PlanningKit.Draft.Replace("allowed_paths: [src/Cart.cs]", "allowed_paths: [src/Cart.cs]\nbudget: lots", StringComparison.Ordinal);
        using (var check = await app.Client.SendAsync(app.Api(HttpMethod.Post, $"api/plans/{id}/check", JsonSerializer.Serialize(new { content = broken })), Ct))
        {
            var verdict = await JsonAsync(check);
            Assert.False(verdict.GetProperty("valid").GetBoolean());
            Assert.Contains("task.md:4", verdict.GetProperty("problems").GetString()!, StringComparison.Ordinal);
        }

        using (var refused = await app.Client.SendAsync(app.Api(HttpMethod.Post, $"api/plans/{id}/start", JsonSerializer.Serialize(new { content = broken })), Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("task.md:4", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        Assert.Empty(await app.Host.ListAsync(cancellationToken: Ct));

        // Another client: the plan does not exist for it.
        using (var other = new HttpRequestMessage(HttpMethod.Get, $"api/plans/{id}"))
        {
            other.Headers.Authorization = new("Bearer", RealHostApp.OtherApiKey);
            using var hidden = await app.Client.SendAsync(other, Ct);
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        var edited = PlanningKit.Draft.Replace("title: Total handles null items", "title: Total handles a null cart", StringComparison.Ordinal);
        using var start = await app.Client.SendAsync(app.Api(HttpMethod.Post, $"api/plans/{id}/start", JsonSerializer.Serialize(new { content = edited })), Ct);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var started = await JsonAsync(start);
        Assert.Equal("started", started.GetProperty("stage").GetString());
        var sessionId = started.GetProperty("sessionId").GetString()!;
        Assert.Contains($"/review/{sessionId}?t=", started.GetProperty("reviewUrl").GetString()!, StringComparison.Ordinal);

        // A second start (a retry) starts nothing more.
        using (var again = await app.Client.SendAsync(app.Api(HttpMethod.Post, $"api/plans/{id}/start", "{}"), Ct))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        var record = await app.WaitForCompletionAsync(sessionId, TimeSpan.FromMinutes(3));
        Assert.True(record.Status == HostedSessionStatus.Succeeded, await app.DescribeAsync(record));
        Assert.Equal("Total handles a null cart", record.Request.Task.Title);
        Assert.Contains("a null cart costs 0", record.Request.Task.Goal, StringComparison.Ordinal);
        Assert.Equal(["src/Cart.cs"], record.Request.Task.AllowedPaths);
        Assert.Equal("api:lead", record.Request.Requester);
        Assert.Contains("(items ?? []).Sum", _repo.Show(record.Result!.Commit!), StringComparison.Ordinal);
        Assert.Single(await app.Host.ListAsync(cancellationToken: Ct));
    }

    private static async Task<JsonElement> WaitForStageAsync(RealHostApp app, string id, string stage)
        => (JsonElement)await PlanningKit.EventuallyAsync<object>(
            async () =>
            {
                using var response = await app.Client.SendAsync(app.Api(HttpMethod.Get, $"api/plans/{id}", ""), Ct);
                var plan = await JsonAsync(response);
                var now = plan.GetProperty("stage").GetString();
                if (now is "failed" or "declined")
                {
                    throw new InvalidOperationException($"Plan {id} is {now}: {plan.GetProperty("error")}");
                }

                return now == stage ? (object)plan : null;
            },
            $"plan {id} to reach '{stage}'");

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
        => JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();

    public void Dispose()
    {
        _repo.Dispose();
        Directory.Delete(_data, recursive: true);
    }
}
