using Honk.Models;
using Microsoft.Extensions.AI;

namespace Honk.Hosting;

/// <summary>Adapts <see cref="SessionComposerOptions.ChatClientFactory"/> to an <see cref="IModelFactory"/> for every provider but <c>script:</c>.</summary>
internal sealed class DelegateModelFactory(Func<ModelSpec, IChatClient> create) : IModelFactory
{
    public bool CanCreate(ModelSpec spec) => !spec.IsScript;

    public IChatClient Create(ModelSpec spec) => create(spec);
}
