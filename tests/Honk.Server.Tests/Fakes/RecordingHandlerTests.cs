namespace Honk.Server.Tests;

/// <summary>
/// The stand-in for Slack's and GitHub's APIs: a test waiting for a request that never comes fails saying which API it
/// waited for and what came instead, not later on an index or a count.
/// </summary>
public sealed class RecordingHandlerTests
{
    [Fact]
    public async Task WaitForAsync_TooFewRequests_FailsNamingTheApiTheCountAndWhatCame()
    {
        using var handler = new RecordingHandler("Slack API", """{"ok":true}""");
        using var client = new HttpClient(handler) { BaseAddress = new Uri("http://slack.test/") };
        using var response = await client.PostAsync(new Uri("api/chat.postMessage", UriKind.Relative), new StringContent("{}"), TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => handler.WaitForAsync(2, TimeSpan.FromMilliseconds(100)));

        Assert.Equal("Waited 0.1 s for 2 request(s) to the Slack API, got 1: /api/chat.postMessage.", error.Message);
    }

    [Fact]
    public async Task WaitForAsync_EnoughRequests_ReturnsThem()
    {
        using var handler = new RecordingHandler("GitHub API", """{"id":1}""");
        using var client = new HttpClient(handler) { BaseAddress = new Uri("http://github.test/") };
        using var response = await client.PostAsync(new Uri("repos/o/r/issues/1/comments", UriKind.Relative), new StringContent("{\"body\":\"hi\"}"), TestContext.Current.CancellationToken);

        var requests = await handler.WaitForAsync(1, TimeSpan.FromSeconds(5));

        Assert.Equal(("/repos/o/r/issues/1/comments", "{\"body\":\"hi\"}"), Assert.Single(requests));
    }
}
