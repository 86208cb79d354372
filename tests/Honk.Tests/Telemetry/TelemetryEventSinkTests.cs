using System.Diagnostics;
using Honk.Telemetry;
using Honk.Tests.Loop;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using static Honk.Tests.Loop.LoopTestKit;

namespace Honk.Tests.Telemetry;

/// <summary>A scripted session's span tree and metrics, through OpenTelemetry's own SDK and in-memory exporter.</summary>
public sealed class TelemetryEventSinkTests
{
    private const string FixAfterGate = """
        { "turns": [
          { "toolCalls": [ { "name": "write_file", "arguments": { "path": "a.txt", "content": "v1" } } ] },
          { "text": "done" },
          { "toolCalls": [ { "name": "read_file", "arguments": { "path": "missing.txt" } }, { "name": "write_file", "arguments": { "path": "a.txt", "content": "v2" } } ] },
          { "text": "fixed" } ] }
        """;

    [Fact]
    public async Task A_session_becomes_one_trace_session_turns_model_calls_tools_validation()
    {
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(HonkTelemetry.SourceName).AddInMemoryExporter(spans).Build();
        await using var workspace = new FolderWorkspace();
        var options = Options(workspace, WriteTool(), ReadTool());
        options.Validators.Add(new QueueValidator("unit", ValidationResult.Failure("CalcTests.Add failed"), ValidationResult.Success("1 test passed")));
        options.EventSinks.Add(new TelemetryEventSink());

        var result = await new AgentSession(Script(FixAfterGate), new CodingTask("fix add"), options).RunAsync(TestContext.Current.CancellationToken);
        tracing.ForceFlush();

        var root = Assert.Single(spans, s => s.OperationName == "honk.session" && (string?)s.GetTagItem("honk.session.id") == result.SessionId);
        var trace = spans.Where(s => s.TraceId == root.TraceId).ToList();
        Assert.Null(root.Parent);
        Assert.Equal(default, root.ParentSpanId);
        Assert.Equal("succeeded", root.GetTagItem("honk.status"));
        Assert.Equal(ActivityStatusCode.Ok, root.Status);

        var turns = Children(trace, root).Where(s => s.OperationName == "honk.turn").ToList();
        Assert.Equal(result.Turns, turns.Count);
        Assert.All(turns, turn => Assert.Single(Children(trace, turn), s => s.OperationName.StartsWith("chat ", StringComparison.Ordinal)));

        var tools = trace.Where(s => s.OperationName.StartsWith("execute_tool ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, tools.Count);
        Assert.All(tools, tool => Assert.Contains(turns, turn => turn.SpanId == tool.ParentSpanId));
        Assert.Equal(ActivityStatusCode.Error, Assert.Single(tools, t => (string?)t.GetTagItem("gen_ai.tool.name") == "read_file").Status);

        var validations = Children(trace, root).Where(s => s.OperationName == "honk.validation").ToList();
        Assert.Equal(2, validations.Count);
        Assert.Equal([ActivityStatusCode.Error, ActivityStatusCode.Unset], validations.OrderBy(v => v.StartTimeUtc).Select(v => v.Status));

        // Every span lies inside its parent's time.
        foreach (var span in trace.Where(s => s != root))
        {
            var parent = trace.Single(p => p.SpanId == span.ParentSpanId);
            Assert.InRange(span.StartTimeUtc, parent.StartTimeUtc, parent.StartTimeUtc + parent.Duration);
            Assert.InRange(span.StartTimeUtc + span.Duration, parent.StartTimeUtc, parent.StartTimeUtc + parent.Duration);
        }
    }

    [Fact]
    public async Task Sessions_tokens_and_tool_durations_are_counted()
    {
        var metrics = new List<Metric>();
        using var meters = Sdk.CreateMeterProviderBuilder().AddMeter(HonkTelemetry.MeterName).AddInMemoryExporter(metrics).Build();
        await using var workspace = new FolderWorkspace();
        var options = Options(workspace, WriteTool(), ReadTool());
        options.Validators.Add(new QueueValidator("unit", ValidationResult.Failure("x"), ValidationResult.Success("ok")));
        options.EventSinks.Add(new TelemetryEventSink());

        await new AgentSession(Script(FixAfterGate), new CodingTask("fix add"), options).RunAsync(TestContext.Current.CancellationToken);
        meters.ForceFlush();

        Assert.Contains(metrics, m => m.Name == "honk.sessions" && Points(m).Any(p => Tag(p, "status") == "succeeded" && p.GetSumLong() >= 1));
        Assert.Contains(metrics, m => m.Name == "honk.tool.duration" && Points(m).Any(p => Tag(p, "gen_ai.tool.name") == "write_file"));
        Assert.Contains(metrics, m => m.Name == "honk.validation.duration");
        Assert.Contains(metrics, m => m.Name == "honk.session.turns");
    }

    [Fact]
    public async Task Without_a_listener_the_sink_costs_nothing_and_never_changes_the_ambient_activity()
    {
        using var ambient = new Activity("caller").Start();
        await using var workspace = new FolderWorkspace();
        var options = Options(workspace, WriteTool(), ReadTool());
        options.EventSinks.Add(new TelemetryEventSink());

        var result = await new AgentSession(Script(FixAfterGate), new CodingTask("fix add"), options).RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(SessionStatus.Succeeded, result.Status);
        Assert.Same(ambient, Activity.Current);
    }

    private static IEnumerable<Activity> Children(List<Activity> trace, Activity parent) => trace.Where(s => s.ParentSpanId == parent.SpanId);

    private static List<MetricPoint> Points(Metric metric)
    {
        var points = new List<MetricPoint>();
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            points.Add(point);
        }

        return points;
    }

    private static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return tag.Value?.ToString();
            }
        }

        return null;
    }
}
