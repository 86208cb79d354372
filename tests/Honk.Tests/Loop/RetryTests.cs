using System.Net;
using static Honk.Tests.Loop.LoopTestKit;

namespace Honk.Tests.Loop;

public sealed class RetryTests
{
    private static AgentSessionOptions RetryOptions(int maxRetries = 3)
    {
        var options = Options(null);
        options.Loop.MaxModelRetries = maxRetries;
        options.Random = new Random(42);
        return options;
    }

    [Fact]
    public async Task RateLimited_HonoursRetryAfter_ThenSucceeds()
    {
        var model = new DelegateChatClient(
            (_, _) => DelegateChatClient.Throw(new ModelProviderException("rate limited") { StatusCode = 429, RetryAfter = TimeSpan.FromMilliseconds(150) }),
            (_, _) => DelegateChatClient.Text("all good"));

        var events = await CollectAsync(new AgentSession(model, new CodingTask("x"), RetryOptions()), TestContext.Current.CancellationToken);

        var retry = Assert.Single(events.OfType<ModelCallRetrying>());
        Assert.Equal(TimeSpan.FromMilliseconds(150), retry.Delay);
        Assert.Contains("429", retry.Reason, StringComparison.Ordinal);
        Assert.Equal(2, model.Calls);
        Assert.Equal(SessionStatus.NoChanges, ResultOf(events).Status);
        var gap = events.OfType<AssistantTurnCompleted>().Single().Timestamp - retry.Timestamp;
        Assert.True(gap >= TimeSpan.FromMilliseconds(140), $"waited only {gap}");
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData((HttpStatusCode)529)]
    public async Task ServerErrors_AreRetried_WithBackoff(HttpStatusCode status)
    {
        var model = new DelegateChatClient(
            (_, _) => DelegateChatClient.Throw(new HttpRequestException("server", null, status)),
            (_, _) => DelegateChatClient.Throw(new HttpRequestException("server", null, status)),
            (_, _) => DelegateChatClient.Text("ok"));

        var events = await CollectAsync(new AgentSession(model, new CodingTask("x"), RetryOptions()), TestContext.Current.CancellationToken);

        var retries = events.OfType<ModelCallRetrying>().ToList();
        Assert.Equal([1, 2], retries.Select(r => r.Attempt));
        Assert.All(retries, r => Assert.InRange(r.Delay, TimeSpan.Zero, TimeSpan.FromMilliseconds(20)));
        Assert.Equal(SessionStatus.NoChanges, ResultOf(events).Status);
    }

    [Fact]
    public async Task StreamCutMidway_IsRetried()
    {
        var model = new DelegateChatClient(
            (_, _) => CutStream(),
            (_, _) => DelegateChatClient.Text("second try"));

        var events = await CollectAsync(new AgentSession(model, new CodingTask("x"), RetryOptions()), TestContext.Current.CancellationToken);

        Assert.Single(events.OfType<ModelCallRetrying>());
        Assert.Equal("second try", events.OfType<AssistantTurnCompleted>().Single().Text);
    }

    [Fact]
    public async Task NonTransientError_FailsAtOnce_WithoutRetry()
    {
        var model = new DelegateChatClient((_, _) => DelegateChatClient.Throw(new ModelProviderException("invalid x-api-key") { StatusCode = 401 }));

        var events = await CollectAsync(new AgentSession(model, new CodingTask("x"), RetryOptions()), TestContext.Current.CancellationToken);

        Assert.Empty(events.OfType<ModelCallRetrying>());
        var result = ResultOf(events);
        Assert.Equal(SessionStatus.Failed, result.Status);
        Assert.Contains("HTTP 401", result.Message, StringComparison.Ordinal);
        Assert.Equal(1, model.Calls);
    }

    [Fact]
    public async Task RetriesAreBounded_InCount()
    {
        var failures = Enumerable.Range(0, 10).Select(_ => (Func<IReadOnlyList<Microsoft.Extensions.AI.ChatMessage>, CancellationToken, IAsyncEnumerable<Microsoft.Extensions.AI.ChatResponseUpdate>>)((_, _) => DelegateChatClient.Throw(new HttpRequestException("down", null, HttpStatusCode.ServiceUnavailable)))).ToArray();
        var model = new DelegateChatClient(failures);

        var events = await CollectAsync(new AgentSession(model, new CodingTask("x"), RetryOptions(maxRetries: 2)), TestContext.Current.CancellationToken);

        Assert.Equal(3, model.Calls);
        var result = ResultOf(events);
        Assert.Equal(SessionStatus.Failed, result.Status);
        Assert.Contains("after 3 attempts", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetriesAreBounded_InTotalWait()
    {
        var model = new DelegateChatClient(
            (_, _) => DelegateChatClient.Throw(new ModelProviderException("slow down") { StatusCode = 429, RetryAfter = TimeSpan.FromHours(1) }));
        var options = RetryOptions();
        options.Loop.RetryMaxTotalDelay = TimeSpan.FromSeconds(30);

        var result = await new AgentSession(model, new CodingTask("x"), options).RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(SessionStatus.Failed, result.Status);
        Assert.Contains("limit", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StalledCall_TimesOut_AndIsRetried()
    {
        var model = new DelegateChatClient(
            (_, ct) => Stall(ct),
            (_, _) => DelegateChatClient.Text("back"));
        var options = RetryOptions();
        options.Loop.ModelCallTimeout = TimeSpan.FromMilliseconds(200);

        var events = await CollectAsync(new AgentSession(model, new CodingTask("x"), options), TestContext.Current.CancellationToken);

        Assert.Contains("no complete response", Assert.Single(events.OfType<ModelCallRetrying>()).Reason, StringComparison.Ordinal);
        Assert.Equal(SessionStatus.NoChanges, ResultOf(events).Status);
    }

    private static async IAsyncEnumerable<Microsoft.Extensions.AI.ChatResponseUpdate> CutStream()
    {
        yield return new Microsoft.Extensions.AI.ChatResponseUpdate(Microsoft.Extensions.AI.ChatRole.Assistant, "partial ");
        await Task.Yield();
        throw new IOException("The response ended prematurely.");
    }

    private static async IAsyncEnumerable<Microsoft.Extensions.AI.ChatResponseUpdate> Stall([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        yield break;
    }
}
