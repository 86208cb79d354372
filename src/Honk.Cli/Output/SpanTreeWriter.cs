using System.Diagnostics;
using System.Globalization;

namespace Honk.Cli.Output;

/// <summary>
/// <c>--otel console</c>: prints each finished trace as an indented tree (name, duration, the attributes a person
/// reads first), to standard error so <c>--json</c> output stays one object.
/// </summary>
/// <remarks>
/// Fed by a plain <see cref="ActivityListener"/>, not the OpenTelemetry SDK: the SDK's provider builds its own
/// service container and configuration at start, which a local tree view does not need (docs/benchmarks.md, session
/// cost). Spans end on any thread, so writes are serialised.
/// </remarks>
internal sealed class SpanTreeWriter
{
    private static readonly string[] ShownTags = ["honk.status", "honk.turn", "gen_ai.tool.name", "gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens", "honk.round", "honk.passed", "honk.verdict", "honk.delivered", "honk.cost_usd"];

    private readonly TextWriter _writer;
    private readonly Dictionary<ActivityTraceId, List<Activity>> _traces = [];
    private readonly Lock _gate = new();

    public SpanTreeWriter(TextWriter writer) => _writer = writer;

    /// <summary>Records a finished span; the root's end (children end before their parent) prints its trace.</summary>
    public void OnEnd(Activity span)
    {
        lock (_gate)
        {
            if (!_traces.TryGetValue(span.TraceId, out var spans))
            {
                _traces[span.TraceId] = spans = [];
            }

            spans.Add(span);
            if (span.ParentSpanId == default)
            {
                _traces.Remove(span.TraceId);
                Write(span, spans, depth: 0);
                _writer.Flush();
            }
        }
    }

    private void Write(Activity span, List<Activity> trace, int depth)
    {
        var line = new System.Text.StringBuilder()
            .Append(' ', depth * 2)
            .Append(depth == 0 ? "● " : "└ ")
            .Append(span.DisplayName)
            .Append(CultureInfo.InvariantCulture, $"  {span.Duration.TotalMilliseconds:0} ms");
        foreach (var tag in ShownTags)
        {
            if (span.GetTagItem(tag) is { } value && tag != "gen_ai.tool.name")
            {
                line.Append(CultureInfo.InvariantCulture, $"  {tag}={value}");
            }
        }

        if (span.Status == ActivityStatusCode.Error)
        {
            line.Append("  ERROR").Append(span.StatusDescription is { Length: > 0 } d ? $": {d}" : string.Empty);
        }

        // Span names and error descriptions can carry a model's tool name or a command's message.
        _writer.WriteLine(TerminalText.Escape(line.ToString()));
        foreach (var child in trace.Where(s => s.ParentSpanId == span.SpanId).OrderBy(s => s.StartTimeUtc))
        {
            Write(child, trace, depth + 1);
        }
    }
}
