using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Honk.Transcripts;

/// <summary>
/// Gathers the host's own secrets for a session's redactor, in one place for every front door (<c>honk run</c>,
/// <c>honk serve</c>, embedding apps): the registered <see cref="IHostSecretSource"/>s and the container's
/// <see cref="IConfiguration"/>, when it has one. The host's secret-looking environment variables are added by
/// <see cref="SecretRedactor.Create"/> itself (<see cref="RedactionOptions.RedactEnvironmentSecrets"/>).
/// </summary>
public static class HostSecrets
{
    /// <summary>The secrets the container's sources and configuration hold.</summary>
    /// <param name="services">The container.</param>
    /// <returns>Distinct non-empty values.</returns>
    public static IReadOnlyList<string> From(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        IEnumerable<IHostSecretSource> sources = services.GetServices<IHostSecretSource>();
        if (services.GetService<IConfiguration>() is { } configuration)
        {
            sources = sources.Append(new ConfigurationSecretSource(configuration));
        }

        return From(sources);
    }

    /// <summary>The secrets the given sources hold.</summary>
    /// <param name="sources">The sources.</param>
    /// <returns>Distinct non-empty values.</returns>
    public static IReadOnlyList<string> From(IEnumerable<IHostSecretSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return [.. sources.SelectMany(s => s.GetSecrets()).OfType<string>().Where(s => s.Length > 0).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>A source of fixed or late-bound values (a key read from a file at start, a client's token).</summary>
    /// <param name="secrets">Read each time a session is composed.</param>
    /// <returns>The source.</returns>
    public static IHostSecretSource Of(Func<IEnumerable<string?>> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        return new DelegateSource(secrets);
    }

    private sealed class DelegateSource(Func<IEnumerable<string?>> secrets) : IHostSecretSource
    {
        public IEnumerable<string?> GetSecrets() => secrets();
    }
}
