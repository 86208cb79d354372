using Honk.Models;
using Microsoft.Extensions.AI;

namespace Honk.Server;

/// <summary>What <see cref="HonkServer"/> needs beyond configuration: how to build models, and settings read from a file.</summary>
public sealed class HonkServerStartup
{
    /// <summary>
    /// Builds provider models (<c>anthropic:…</c>, <c>openai:…</c>) for sessions; <c>script:</c> models are built in.
    /// <c>honk serve</c> passes the same factory <c>honk run</c> uses. Null: only scripted models run.
    /// </summary>
    public Func<ModelSpec, IChatClient>? ChatClientFactory { get; init; }

    /// <summary>
    /// Settings with the lowest priority (below environment variables and the command line), as configuration keys
    /// such as <c>Honk:Model</c>; <c>honk serve</c> fills it from <c>honk.json</c> (see <see cref="HonkJsonSettings"/>).
    /// </summary>
    public IReadOnlyDictionary<string, string?> FileSettings { get; init; } = new Dictionary<string, string?>();

    /// <summary>
    /// Adds to the sessions' composition (<c>AddHonk()</c> with <c>AddHonkDefaults()</c>): your tools, validators,
    /// delivery channels, model factories. Registrations made on <c>builder.Services.AddHonk()</c> after
    /// <see cref="HonkServer.CreateBuilder(string[], HonkServerStartup)"/> take part just the same.
    /// </summary>
    public Action<IHonkBuilder>? ConfigureHonk { get; init; }

    /// <summary>Adjusts the server options after configuration is read.</summary>
    public Action<HonkServerOptions>? Configure { get; init; }
}
