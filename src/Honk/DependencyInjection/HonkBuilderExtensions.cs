using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Honk;

/// <summary>The <c>With…</c> registrations of <see cref="IHonkBuilder"/>.</summary>
public static class HonkBuilderExtensions
{
    /// <summary>
    /// Uses <paramref name="chatClient"/> as the default model of every session (a session may still name its own
    /// through <see cref="HonkRunOptions"/>). Honk keeps it in its own registration: an <see cref="IChatClient"/> the app
    /// registers for itself neither replaces it nor is replaced by it. The caller owns the client; sessions share it,
    /// so it must be safe for concurrent sessions (a <see cref="Scripting.ScriptedChatClient"/> is not: use
    /// <see cref="HonkOptions.Model"/> = <c>"script:file.json"</c> for a fresh script per session).
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="chatClient">Any <see cref="IChatClient"/>.</param>
    /// <returns>The builder.</returns>
    public static IHonkBuilder WithChatClient(this IHonkBuilder builder, IChatClient chatClient)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(chatClient);
        builder.Services.Replace(ServiceDescriptor.Singleton(new HonkModelRegistration(_ => chatClient, ownedBySession: false)));
        return builder;
    }

    /// <summary>Uses a model <paramref name="factory"/> creates for each session from the container; the session disposes it.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="factory">Creates a new client for one session.</param>
    /// <returns>The builder.</returns>
    public static IHonkBuilder WithChatClient(this IHonkBuilder builder, Func<IServiceProvider, IChatClient> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.Replace(ServiceDescriptor.Singleton(new HonkModelRegistration(factory, ownedBySession: true)));
        return builder;
    }

    /// <summary>
    /// Adds a factory that creates models from specs (<see cref="HonkOptions.Model"/>, <see cref="HonkRunOptions.ModelSpec"/>,
    /// <c>--model</c>, an API request's model). Factories are asked in registration order; <c>script:</c> is built in.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="factory">The factory.</param>
    /// <returns>The builder.</returns>
    public static IHonkBuilder WithModelFactory(this IHonkBuilder builder, IModelFactory factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);

        // Before the built-in script factory, which AddHonk registered first.
        builder.Services.Insert(0, ServiceDescriptor.Singleton(factory));
        return builder;
    }

    /// <summary>Adds a contributor that takes part in composing every session (see <see cref="ISessionContributor"/>).</summary>
    /// <typeparam name="TContributor">The contributor type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IHonkBuilder WithSessionContributor<TContributor>(this IHonkBuilder builder)
        where TContributor : class, ISessionContributor
        => builder.TryAddMany<ISessionContributor, TContributor>();

    /// <summary>Adds a contributor instance that takes part in composing every session.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="contributor">The contributor.</param>
    /// <returns>The builder.</returns>
    public static IHonkBuilder WithSessionContributor(this IHonkBuilder builder, ISessionContributor contributor)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(contributor);
        builder.Services.AddSingleton(contributor);
        return builder;
    }

    /// <summary>
    /// Registers <paramref name="contributor"/> in place of any earlier contributor of its type, so a feature's
    /// <c>Add…()</c> called twice configures it once (the later call wins).
    /// </summary>
    /// <typeparam name="TContributor">The contributor type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="contributor">The contributor.</param>
    /// <returns>The builder.</returns>
    public static IHonkBuilder ReplaceSessionContributor<TContributor>(this IHonkBuilder builder, TContributor contributor)
        where TContributor : class, ISessionContributor
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(contributor);
        var earlier = builder.Services.FirstOrDefault(d => d.ServiceType == typeof(ISessionContributor) && d.ImplementationInstance is TContributor);
        if (earlier is null)
        {
            builder.Services.AddSingleton<ISessionContributor>(contributor);
        }
        else
        {
            // Same place as before: the order among contributors of one stage is their registration order.
            builder.Services[builder.Services.IndexOf(earlier)] = ServiceDescriptor.Singleton<ISessionContributor>(contributor);
        }

        return builder;
    }

    /// <summary>Offers the model these tools (in addition to any registered before).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="tools">The tools, e.g. from <see cref="AIFunctionFactory"/>.</param>
    /// <returns>The builder.</returns>
    public static IHonkBuilder WithTools(this IHonkBuilder builder, params IEnumerable<AITool> tools)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(tools);
        foreach (var tool in tools)
        {
            builder.Services.AddSingleton(tool);
        }

        return builder;
    }

    /// <summary>Offers the model the tools of a provider resolved from the container.</summary>
    /// <typeparam name="TProvider">The provider type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IHonkBuilder WithToolProvider<TProvider>(this IHonkBuilder builder)
        where TProvider : class, IToolProvider
        => builder.TryAddMany<IToolProvider, TProvider>();

    /// <summary>Adds a validator the stop gate runs.</summary>
    /// <typeparam name="TValidator">The validator type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IHonkBuilder WithValidator<TValidator>(this IHonkBuilder builder)
        where TValidator : Validator
        => builder.TryAddMany<Validator, TValidator>();

    /// <summary>Adds a validator instance the stop gate runs.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="validator">The validator.</param>
    /// <returns>The builder.</returns>
    public static IHonkBuilder WithValidator(this IHonkBuilder builder, Validator validator)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(validator);
        builder.Services.AddSingleton(validator);
        return builder;
    }

    /// <summary>Adds a guard or judge, run in registration order after the stop gate.</summary>
    /// <typeparam name="TJudge">The judge type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IHonkBuilder WithJudge<TJudge>(this IHonkBuilder builder)
        where TJudge : Judge
        => builder.TryAddMany<Judge, TJudge>();

    /// <summary>Adds a delivery channel, run in registration order after approval.</summary>
    /// <typeparam name="TChannel">The channel type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IHonkBuilder WithDelivery<TChannel>(this IHonkBuilder builder)
        where TChannel : DeliveryChannel
        => builder.TryAddMany<DeliveryChannel, TChannel>();

    /// <summary>Adds a delivery channel instance, run in registration order after approval.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="channel">The channel.</param>
    /// <returns>The builder.</returns>
    public static IHonkBuilder WithDelivery(this IHonkBuilder builder, DeliveryChannel channel)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(channel);
        builder.Services.AddSingleton(channel);
        return builder;
    }

    /// <summary>Sets how workspaces are acquired for <see cref="HonkAgent.RunAsync(CodingTask, string, CancellationToken)"/> and <see cref="HonkAgent.RunStreamingAsync(CodingTask, string, CancellationToken)"/>.</summary>
    /// <typeparam name="TProvider">The provider type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IHonkBuilder WithWorkspaceProvider<TProvider>(this IHonkBuilder builder)
        where TProvider : WorkspaceProvider
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<WorkspaceProvider, TProvider>());
        return builder;
    }

    /// <summary>Sets the sandboxed command runner handed to tools and validators.</summary>
    /// <typeparam name="TRunner">The runner type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IHonkBuilder WithCommandRunner<TRunner>(this IHonkBuilder builder)
        where TRunner : class, ICommandRunner
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<ICommandRunner, TRunner>());
        return builder;
    }

    /// <summary>Sets the factory that creates each session's command runner (a sandbox bound to the session's workspace).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="factory">The factory, e.g. <c>new SandboxedCommandRunnerFactory()</c> from Honk.Tools.</param>
    /// <returns>The builder.</returns>
    public static IHonkBuilder WithCommandRunnerFactory(this IHonkBuilder builder, ICommandRunnerFactory factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.Replace(ServiceDescriptor.Singleton(factory));
        return builder;
    }

    /// <summary>Adds a sink that sees every event of every session (a transcript writer, a store).</summary>
    /// <typeparam name="TSink">The sink type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IHonkBuilder WithEventSink<TSink>(this IHonkBuilder builder)
        where TSink : class, IAgentEventSink
        => builder.TryAddMany<IAgentEventSink, TSink>();

    private static IHonkBuilder TryAddMany<TService, TImplementation>(this IHonkBuilder builder)
        where TService : class
        where TImplementation : class, TService
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<TService, TImplementation>());
        return builder;
    }
}
