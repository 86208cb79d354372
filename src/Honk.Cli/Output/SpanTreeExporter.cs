using System.Diagnostics;
using System.Globalization;
using OpenTelemetry;

namespace Honk.Cli.Output;

/// <summary>
/// <c>--otel console</c>: prints each finished trace as an indented tree (name, duration, the attributes a person
/// reads first), to standard error so <c>--json</c> output stays one object.
/// </summary>
internal sealed class SpanTreeExporter : BaseExporter<Activity>
{
    private static readonly string[] ShownTags = ["honk.status", "honk.turn", "gen_ai.tool.name", "gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens", "honk.round", "honk.passed", "honk.verdict", "honk.delivered", "honk.cost_usd"];

    private readonly TextWriter _writer;
    private readonly Dictionary<ActivityTraceId, List<Activity>> _traces = [];

    public SpanTreeExporter(TextWriter writer) => _writer = writer;

    public override ExportResult Export(in Batch<Activity> batch)
    {
        foreach (var span in batch)
        {
            if (!_traces.TryGetValue(span.TraceId, out var spans))
            {
                _traces[span.TraceId] = spans = [];
            }

            spans.Add(span);

            // Children end before their parent: the root's end completes the trace.
            if (span.ParentSpanId == default)
            {
                _traces.Remove(span.TraceId);
                Write(span, spans, depth: 0);
                _writer.Flush();
            }
        }

        return ExportResult.Success;
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

        _writer.WriteLine(line.ToString());
        foreach (var child in trace.Where(s => s.ParentSpanId == span.SpanId).OrderBy(s => s.StartTimeUtc))
        {
            Write(child, trace, depth + 1);
        }
    }
}
