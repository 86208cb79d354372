using Honk.Models;
using Honk.Models.Anthropic;
using Microsoft.Extensions.AI;

namespace Honk;

/// <summary>Honk.Models.Anthropic's registration on <see cref="IHonkBuilder"/>.</summary>
public static class AnthropicModelsHonkBuilderExtensions
{
    /// <summary>
    /// Lets sessions name <c>anthropic:&lt;model&gt;</c> models (<see cref="HonkOptions.Model"/>, <c>--model</c>, an API
    /// request): each session gets a new client, with the key and settings read from the environment when it starts.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IHonkBuilder AddAnthropicModels(this IHonkBuilder builder)
        => builder.WithModelFactory(new AnthropicModelFactory());

    private sealed class AnthropicModelFactory : IModelFactory
    {
        public bool CanCreate(ModelSpec spec) => AnthropicChatClientFactory.Handles(spec);

        public IChatClient Create(ModelSpec spec) => AnthropicChatClientFactory.CreateFromEnvironment(spec);
    }
}
