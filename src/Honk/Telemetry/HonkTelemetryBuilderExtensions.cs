using Honk.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Honk;

/// <summary>Turns on Honk's traces and metrics for every session the container composes.</summary>
public static class HonkTelemetryBuilderExtensions
{
    /// <summary>
    /// Adds the <see cref="TelemetryEventSink"/> to every session and sends each session's model through
    /// <c>ChatClientBuilder.UseOpenTelemetry</c> (GenAI <c>gen_ai.*</c> spans and metrics, no message contents). Spans and metrics go wherever the host's
    /// OpenTelemetry sends them: <c>.AddSource(HonkTelemetry.SourceName)</c> and <c>.AddMeter(HonkTelemetry.MeterName)</c>.
    /// </summary>
    /// <param name="builder">The Honk builder.</param>
    /// <returns>The same builder.</returns>
    public static IHonkBuilder WithTelemetry(this IHonkBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IAgentEventSink, TelemetryEventSink>());
        builder.Services.TryAddSingleton<ModelTelemetry>();
        return builder;
    }
}
