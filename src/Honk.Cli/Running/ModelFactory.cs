using System.Collections;
using System.Collections.Concurrent;
using Honk.Models;
using Honk.Models.Anthropic;
using Honk.Models.OpenAI;
using Honk.Scripting;
using Microsoft.Extensions.AI;

namespace Honk.Cli.Running;

/// <summary>Turns a model string into an <see cref="IChatClient"/>; every failure is one line that says what to set.</summary>
internal static class ModelFactory
{
    /// <summary>Models created by <see cref="Check"/>, each handed out once by <see cref="Create"/>.</summary>
    private static readonly ConcurrentDictionary<ModelSpec, IChatClient> Checked = new();

    /// <summary>
    /// Creates the model now, so a bad one (unknown provider, missing key, unreadable script) is reported before any
    /// workspace is prepared; the session's <see cref="Create"/> then takes this client instead of making another.
    /// </summary>
    public static void Check(ModelSpec spec)
    {
        if (!Checked.ContainsKey(spec))
        {
            Checked.TryAdd(spec, CreateNew(spec));
        }
    }

    public static IChatClient Create(ModelSpec spec) => Checked.TryRemove(spec, out var client) ? client : CreateNew(spec);

    private static IChatClient CreateNew(ModelSpec spec)
    {
        try
        {
            if (spec.Provider == ModelSpec.ScriptProvider)
            {
                return ScriptedChatClient.FromFile(spec.ScriptPath!);
            }

            var settings = EnvironmentSettings();
            if (AnthropicChatClientFactory.Handles(spec))
            {
                return AnthropicChatClientFactory.Create(spec, settings);
            }

            if (OpenAIChatClientFactory.Handles(spec))
            {
                return OpenAIChatClientFactory.Create(spec, settings);
            }
        }
        catch (ScriptFormatException ex)
        {
            throw new CliException($"The script '{spec.ScriptPath}' cannot be used: {ex.Message}");
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException)
        {
            throw new CliException(ex.Message);
        }

        throw new CliException($"Unknown model provider '{spec.Provider}': {ModelSpec.ValidForms}.");
    }

    private static Dictionary<string, string?> EnvironmentSettings()
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            settings[(string)entry.Key] = entry.Value as string;
        }

        return settings;
    }
}
