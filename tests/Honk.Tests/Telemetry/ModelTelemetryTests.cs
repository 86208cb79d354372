using System.Diagnostics;
using Honk.Telemetry;
using Honk.Tests.Loop;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;
using static Honk.Tests.Loop.LoopTestKit;

namespace Honk.Tests.Telemetry;

/// <summary>Each session's model calls as Microsoft.Extensions.AI's OpenTelemetry middleware records them, when telemetry is on.</summary>
public sealed class ModelTelemetryTests
{
    private const string Secret = "model-sees-this-7f3a";

    [Fact]
    public async Task WithTelemetry_EveryModelCallIsAGenAiChatSpan_WithoutMessageContents()
    {
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(HonkTelemetry.ModelSourceName).AddInMemoryExporter(spans).Build();

        var result = await RunAsync(telemetry: true);
        tracing.ForceFlush();

        var chats = spans.Where(s => (string?)s.GetTagItem("gen_ai.operation.name") == "chat").ToList();
        Assert.Equal(result.Turns, chats.Count);
        Assert.All(chats, span => Assert.False(span.Tags.Any(t => t.Value?.Contains(Secret, StringComparison.Ordinal) == true), "a span records the conversation"));
    }

    [Fact]
    public async Task WithoutTelemetry_NoModelSpans()
    {
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(HonkTelemetry.ModelSourceName).AddInMemoryExporter(spans).Build();

        await RunAsync(telemetry: false);
        tracing.ForceFlush();

        Assert.Empty(spans);
    }

    private static async Task<SessionResult> RunAsync(bool telemetry)
    {
        var services = new ServiceCollection();
        var honk = services.AddHonk(o => o.Loop.Budget = Budget.Unlimited)
            .WithChatClient(Script($$"""{ "turns": [ { "text": "thinking about {{Secret}}" , "toolCalls": [ { "name": "report_progress", "arguments": {} } ] }, { "text": "done {{Secret}}" } ] }"""))
            .WithTestInfrastructure();
        if (telemetry)
        {
            honk.WithTelemetry();
        }

        await using var provider = services.BuildServiceProvider();
        await using var workspace = new FolderWorkspace();
        var session = await provider.GetRequiredService<HonkAgent>().CreateSessionAsync(new CodingTask($"Look at {Secret}"), workspace, cancellationToken: TestContext.Current.CancellationToken);
        return await session.RunAsync(TestContext.Current.CancellationToken);
    }
}
