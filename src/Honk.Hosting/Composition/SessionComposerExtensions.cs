using Honk.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Honk;

/// <summary>Registers the host's runner over the container's own <c>AddHonk()</c> registrations.</summary>
public static class SessionComposerExtensions
{
    /// <summary>
    /// Registers <see cref="SessionComposer"/> as the <see cref="ISessionExecutor"/>, composing hosted sessions through
    /// this container's <see cref="HonkAgent"/>: the app's tools, validators, channels, model factories and logging
    /// reach every hosted session. Replaces an executor registered before. <c>AddHonkHosting()</c> registers the
    /// composer already; call this for its settings, or to run hosted sessions without the rest of the host.
    /// </summary>
    /// <param name="builder">The builder (normally after <c>AddHonkDefaults()</c>).</param>
    /// <param name="configure">The composer's per-host settings (default model, budget, transcripts, verifiers, last say).</param>
    /// <returns>The builder.</returns>
    public static IHonkBuilder AddSessionComposer(this IHonkBuilder builder, Action<SessionComposerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<SessionComposerOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.Replace(ServiceDescriptor.Singleton<ISessionExecutor>(sp => new SessionComposer(sp, sp.GetRequiredService<IOptions<SessionComposerOptions>>().Value)));
        return builder;
    }
}
