using System.Diagnostics;
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

    private readonly IDisposable _stop;

    private CliTelemetry(IDisposable stop) => _stop = stop;

    /// <summary>Starts the exporters, or returns <see langword="null"/> when <paramref name="target"/> is absent.</summary>
    public static CliTelemetry? Start(string? target)
    {
        if (string.IsNullOrWhiteSpace(target))
        {
            return null;
        }

        if (target.Equals("console", StringComparison.OrdinalIgnoreCase))
        {
            return new CliTelemetry(ListenToConsole());
        }

        if (!Uri.TryCreate(target, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            throw new CliException($"--otel takes 'console' or the http(s) URL of an OpenTelemetry collector (OTLP over HTTP, e.g. http://127.0.0.1:4318), not '{target}'.");
        }

        return new CliTelemetry(OtlpExport.Start(endpoint));
    }

    /// <summary>Flushes what is pending (the CLI exits right after the session) and stops.</summary>
    public void Dispose() => _stop.Dispose();

    /// <summary>Every span of <see cref="Sources"/> recorded (as the SDK's default sampler does) and printed as a tree.</summary>
    private static ActivityListener ListenToConsole()
    {
        var tree = new SpanTreeWriter(Console.Error);
        var listener = new ActivityListener
        {
            ShouldListenTo = source => Sources.Contains(source.Name, StringComparer.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = tree.OnEnd,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    /// <summary>
    /// The OpenTelemetry SDK with its OTLP exporters, in a class of its own so a run without a collector never loads
    /// (or compiles) the SDK.
    /// </summary>
    private sealed class OtlpExport(TracerProvider traces, MeterProvider metrics) : IDisposable
    {
        public static OtlpExport Start(Uri endpoint)
        {
            var traces = Sdk.CreateTracerProviderBuilder()
                .AddSource(Sources)
                .AddOtlpExporter(o => Configure(o, endpoint, "v1/traces"))
                .Build();
            var metrics = Sdk.CreateMeterProviderBuilder()
                .AddMeter(HonkTelemetry.MeterName)
                .AddOtlpExporter(o => Configure(o, endpoint, "v1/metrics"))
                .Build();
            return new OtlpExport(traces, metrics);
        }

        public void Dispose()
        {
            traces.ForceFlush(5_000);
            metrics.ForceFlush(5_000);
            traces.Dispose();
            metrics.Dispose();
        }

        private static void Configure(OtlpExporterOptions options, Uri endpoint, string signal)
        {
            options.Protocol = OtlpExportProtocol.HttpProtobuf;
            options.Endpoint = new Uri(endpoint, endpoint.AbsolutePath.TrimEnd('/').EndsWith(signal, StringComparison.Ordinal) ? endpoint.AbsolutePath : endpoint.AbsolutePath.TrimEnd('/') + "/" + signal);
        }
    }
}
