using Honk.Models;
using Microsoft.Extensions.AI;

namespace Honk.Server;

/// <summary>Adapts <see cref="HonkServerStartup.ChatClientFactory"/> to an <see cref="IModelFactory"/> for every provider but <c>script:</c> (built in).</summary>
internal sealed class DelegateModelFactory(Func<ModelSpec, IChatClient> create) : IModelFactory
{
    public bool CanCreate(ModelSpec spec) => !spec.IsScript;

    public IChatClient Create(ModelSpec spec) => create(spec);
}
