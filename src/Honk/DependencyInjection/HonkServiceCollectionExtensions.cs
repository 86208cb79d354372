using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Honk;

/// <summary>Registers Honk in a service collection.</summary>
public static class HonkServiceCollectionExtensions
{
    /// <summary>
    /// Adds Honk's agent (<see cref="HonkAgent"/>) and its options, validated when the host starts (and when the agent
    /// is first resolved): bad options, a missing model, workspace provider or command runner, or two tools of one
    /// name fail there, not in the first session. Calling it twice is harmless. Add what <c>honk run</c> uses with
    /// <c>AddHonkDefaults()</c> (Honk.Hosting), or the features one by one (<c>AddBuiltInTools()</c>, …).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets options.</param>
    /// <returns>The builder.</returns>
    public static IHonkBuilder AddHonk(this IServiceCollection services, Action<HonkOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<HonkOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HonkOptions>, HonkOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HonkOptions>, HonkStartupCheck>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<HonkAgent>();

        // Built in, and last: an app's factories (registered later) are asked first only for their own providers.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IModelFactory, ScriptModelFactory>());
        return new HonkBuilder(services);
    }

    /// <summary>
    /// Adds Honk with its options bound from <paramref name="configuration"/>'s <c>Honk</c> section (or the section
    /// itself when it is named <c>Honk</c>): <c>Model</c>, <c>ModelId</c>, <c>ModelChosenPerSession</c>,
    /// <c>Instructions</c>, <c>Loop</c> (with <c>Budget</c>) and <c>Prices</c> (model id → Input/Output/CachedInput,
    /// US dollars per million tokens). An unknown key is an error at start, so a typo never passes silently.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration root or the <c>Honk</c> section.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The builder.</returns>
    public static IHonkBuilder AddHonk(this IServiceCollection services, IConfiguration configuration, Action<HonkOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration is IConfigurationSection { Key: HonkOptions.SectionName } named ? named : configuration.GetSection(HonkOptions.SectionName);
        services.AddOptions<HonkOptions>().Configure(options => HonkOptionsBinder.Bind(section, options));
        return services.AddHonk(configure);
    }

    private sealed class HonkBuilder(IServiceCollection services) : IHonkBuilder
    {
        public IServiceCollection Services { get; } = services;
    }

    private sealed class HonkOptionsValidator : IValidateOptions<HonkOptions>
    {
        public ValidateOptionsResult Validate(string? name, HonkOptions options)
        {
            if (options.Loop is null)
            {
                return ValidateOptionsResult.Fail("HonkOptions.Loop must not be null.");
            }

            var problems = options.Loop.Validate().Select(p => $"HonkOptions.Loop: {p}").ToList();
            try
            {
                _ = options.EffectivePrices();
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                problems.Add($"HonkOptions.Prices: {ex.Message}");
            }

            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
