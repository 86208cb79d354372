using Honk.Delivery.Git;
using Honk.Telemetry;
using Honk.Workspaces.Git;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Honk.Cli.Output;

/// <summary>
/// <c>--otel</c>: <c>console</c> prints the session's span tree on standard error; an http(s) URL sends traces and
/// metrics to an OpenTelemetry collector over OTLP (HTTP/protobuf to <c>/v1/traces</c> and <c>/v1/metrics</c>).
/// </summary>
internal sealed class CliTelemetry : IDisposable
{
    // The session's own spans, and those of the packages the CLI composes: acquiring the workspace happens before the
    // session starts (its own trace), committing and delivering inside it.
    private static readonly string[] Sources = [HonkTelemetry.SourceName, GitWorkspaceProvider.ActivitySourceName, GitDeliveryChannels.ActivitySourceName];

    private readonly TracerProvider _traces;
    private readonly MeterProvider? _metrics;

    private CliTelemetry(TracerProvider traces, MeterProvider? metrics)
    {
        _traces = traces;
        _metrics = metrics;
    }

    /// <summary>Starts the exporters, or returns <see langword="null"/> when <paramref name="target"/> is absent.</summary>
    public static CliTelemetry? Start(string? target)
    {
        if (string.IsNullOrWhiteSpace(target))
        {
            return null;
        }

        if (target.Equals("console", StringComparison.OrdinalIgnoreCase))
        {
            var console = Sdk.CreateTracerProviderBuilder()
                .AddSource(Sources)
                .AddProcessor(new SimpleActivityExportProcessor(new SpanTreeExporter(Console.Error)))
                .Build();
            return new CliTelemetry(console, null);
        }

        if (!Uri.TryCreate(target, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            throw new CliException($"--otel takes 'console' or the http(s) URL of an OpenTelemetry collector (OTLP over HTTP, e.g. http://127.0.0.1:4318), not '{target}'.");
        }

        var traces = Sdk.CreateTracerProviderBuilder()
            .AddSource(Sources)
            .AddOtlpExporter(o => Configure(o, endpoint, "v1/traces"))
            .Build();
        var metrics = Sdk.CreateMeterProviderBuilder()
            .AddMeter(HonkTelemetry.MeterName)
            .AddOtlpExporter(o => Configure(o, endpoint, "v1/metrics"))
            .Build();
        return new CliTelemetry(traces, metrics);
    }

    /// <summary>Flushes what is pending (the CLI exits right after the session) and stops.</summary>
    public void Dispose()
    {
        _traces.ForceFlush(5_000);
        _metrics?.ForceFlush(5_000);
        _traces.Dispose();
        _metrics?.Dispose();
    }

    private static void Configure(OtlpExporterOptions options, Uri endpoint, string signal)
    {
        options.Protocol = OtlpExportProtocol.HttpProtobuf;
        options.Endpoint = new Uri(endpoint, endpoint.AbsolutePath.TrimEnd('/').EndsWith(signal, StringComparison.Ordinal) ? endpoint.AbsolutePath : endpoint.AbsolutePath.TrimEnd('/') + "/" + signal);
    }
}
