using Honk.Models;
using Honk.Scripting;
using Microsoft.Extensions.AI;

namespace Honk;

/// <summary>Creates <c>script:&lt;file&gt;</c> models: a fresh <see cref="ScriptedChatClient"/> per session.</summary>
internal sealed class ScriptModelFactory(TimeProvider timeProvider) : IModelFactory
{
    public bool CanCreate(ModelSpec spec) => spec.IsScript;

    public IChatClient Create(ModelSpec spec) => ScriptedChatClient.FromFile(spec.ScriptPath!, timeProvider);
}
