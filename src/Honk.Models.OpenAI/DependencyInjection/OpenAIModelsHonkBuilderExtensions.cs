using Honk.Models;
using Honk.Models.OpenAI;
using Microsoft.Extensions.AI;

namespace Honk;

/// <summary>Honk.Models.OpenAI's registration on <see cref="IHonkBuilder"/>.</summary>
public static class OpenAIModelsHonkBuilderExtensions
{
    /// <summary>
    /// Lets sessions name <c>openai:&lt;model&gt;</c> and <c>openai-compatible:&lt;model&gt;@&lt;url&gt;</c> models: each
    /// session gets a new client, with the key and settings read from the environment when it starts.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IHonkBuilder AddOpenAIModels(this IHonkBuilder builder)
        => builder.WithModelFactory(new OpenAIModelFactory());

    private sealed class OpenAIModelFactory : IModelFactory
    {
        public bool CanCreate(ModelSpec spec) => OpenAIChatClientFactory.Handles(spec);

        public IChatClient Create(ModelSpec spec) => OpenAIChatClientFactory.CreateFromEnvironment(spec);
    }
}
