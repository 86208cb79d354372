using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Honk.Telemetry;

/// <summary>
/// Honk's traces and metrics. Sessions are traced from their event stream (<see cref="TelemetryEventSink"/>), so the
/// loop stays free of telemetry code: a host listens with OpenTelemetry's
/// <c>.AddSource(HonkTelemetry.SourceName)</c> and <c>.AddMeter(HonkTelemetry.MeterName)</c>.
/// </summary>
public static class HonkTelemetry
{
    /// <summary>The <see cref="ActivitySource"/> name of session, turn, model call, tool, validation, review and delivery spans.</summary>
    public const string SourceName = "Honk";

    /// <summary>
    /// The <see cref="ActivitySource"/> and meter name of the model calls as Microsoft.Extensions.AI's
    /// <c>UseOpenTelemetry</c> records them (GenAI semantic conventions); on with <c>WithTelemetry()</c>.
    /// </summary>
    public const string ModelSourceName = "Honk.Models";

    /// <summary>The <see cref="Meter"/> name of Honk's metrics.</summary>
    public const string MeterName = "Honk";

    internal static readonly ActivitySource Source = new(SourceName, typeof(HonkTelemetry).Assembly.GetName().Version?.ToString(3));

    internal static readonly Meter Meter = new(MeterName, typeof(HonkTelemetry).Assembly.GetName().Version?.ToString(3));

    /// <summary>Sessions ended, by status.</summary>
    internal static readonly Counter<long> Sessions = Meter.CreateCounter<long>("honk.sessions", "{session}", "Sessions ended, by status.");

    /// <summary>Wall time of a session, by status.</summary>
    internal static readonly Histogram<double> SessionDuration = Meter.CreateHistogram<double>("honk.session.duration", "s", "Wall time of a session, by status.");

    /// <summary>Model turns of a session, by status.</summary>
    internal static readonly Histogram<long> SessionTurns = Meter.CreateHistogram<long>("honk.session.turns", "{turn}", "Model turns a session took, by status.");

    /// <summary>Tokens used, by type (input, output, cached, cache_write).</summary>
    internal static readonly Counter<long> Tokens = Meter.CreateCounter<long>("honk.tokens", "{token}", "Tokens used, by type (input, output, cached, cache_write).");

    /// <summary>What sessions cost, in US dollars, by model.</summary>
    internal static readonly Counter<double> Cost = Meter.CreateCounter<double>("honk.cost", "USD", "What sessions cost, by model.");

    /// <summary>Duration of tool calls, by tool and error.</summary>
    internal static readonly Histogram<double> ToolDuration = Meter.CreateHistogram<double>("honk.tool.duration", "s", "Duration of tool calls, by tool and whether they failed.");

    /// <summary>Duration of a validation round, by outcome.</summary>
    internal static readonly Histogram<double> ValidationDuration = Meter.CreateHistogram<double>("honk.validation.duration", "s", "Duration of a validation round, by whether it passed.");
}
