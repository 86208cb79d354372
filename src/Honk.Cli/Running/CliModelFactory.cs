using Honk.Models;
using Microsoft.Extensions.AI;

namespace Honk.Cli.Running;

/// <summary>The CLI's models (Anthropic, OpenAI, OpenAI-compatible, scripts) with keys from the environment, as an <see cref="IModelFactory"/>.</summary>
internal sealed class CliModelFactory : IModelFactory
{
    public bool CanCreate(ModelSpec spec) => true;

    public IChatClient Create(ModelSpec spec) => ModelFactory.Create(spec);
}
