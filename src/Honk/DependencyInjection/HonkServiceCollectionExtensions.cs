using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Honk;

/// <summary>Registers Honk in a service collection.</summary>
public static class HonkServiceCollectionExtensions
{
    /// <summary>
    /// Adds Honk's agent (<see cref="HonkAgent"/>) and its options. Calling it twice is harmless. Add a model with
    /// <see cref="HonkBuilderExtensions.WithChatClient(IHonkBuilder, Microsoft.Extensions.AI.IChatClient)"/> and extend
    /// with the other <c>With…</c> methods.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets options; they are validated when the agent is first resolved.</param>
    /// <returns>The builder.</returns>
    public static IHonkBuilder AddHonk(this IServiceCollection services, Action<HonkOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<HonkOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HonkOptions>, HonkOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<HonkAgent>();
        return new HonkBuilder(services);
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

            var problems = options.Loop.Validate();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems.Select(p => $"HonkOptions.Loop: {p}"));
        }
    }
}
