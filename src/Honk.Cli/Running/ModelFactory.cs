using System.Collections;
using Honk.Models;
using Honk.Models.Anthropic;
using Honk.Models.OpenAI;
using Honk.Scripting;
using Microsoft.Extensions.AI;

namespace Honk.Cli.Running;

/// <summary>Turns a model string into an <see cref="IChatClient"/>; every failure is one line that says what to set.</summary>
internal static class ModelFactory
{
    /// <summary>
    /// Makes the model once and lets it go, so a bad one (unknown provider, missing key, unreadable script) is reported
    /// before any workspace is prepared. Nothing is kept between the check and the session's <see cref="Create"/>: a
    /// process-wide cache of checked clients handed a used client (a scripted model's position) to a later run of the
    /// same model in the same process whenever a run ended between the check and the session.
    /// </summary>
    public static void Check(ModelSpec spec) => CreateNew(spec).Dispose();

    public static IChatClient Create(ModelSpec spec) => CreateNew(spec);

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
