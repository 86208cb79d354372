using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Honk.Telemetry;

/// <summary>
/// Present when <see cref="HonkTelemetryBuilderExtensions.WithTelemetry"/> is on: each session's model goes through
/// <see cref="ChatClientBuilder"/> with Microsoft.Extensions.AI's <c>UseOpenTelemetry</c>, so every model call is a span
/// and metric in the GenAI semantic conventions (<c>gen_ai.*</c>), on <see cref="HonkTelemetry.ModelSourceName"/> (apart
/// from Honk's own session tree, which has its own <c>chat</c> spans under each turn).
/// </summary>
/// <remarks>
/// Message contents are never recorded (<c>EnableSensitiveData</c> stays off), and <c>UseLogging</c> is deliberately not
/// used: at Trace level it logs the raw conversation, which the session's redactor never sees, so host secrets that a
/// model echoed would reach the logs.
/// </remarks>
internal sealed class ModelTelemetry
{
    /// <summary>Wraps <paramref name="model"/> for one session; disposing the wrapper never disposes <paramref name="model"/>.</summary>
    public static IChatClient Instrument(IChatClient model, IServiceProvider services)
        => new ChatClientBuilder(new NotDisposing(model))
            .UseOpenTelemetry(services.GetService<ILoggerFactory>(), HonkTelemetry.ModelSourceName, o => o.EnableSensitiveData = false)
            .Build(services);

    // Who owns the inner model (the session or the app) is decided where it was resolved, not here.
    private sealed class NotDisposing(IChatClient inner) : DelegatingChatClient(inner)
    {
        protected override void Dispose(bool disposing)
        {
        }
    }
}
