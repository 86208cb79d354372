using Microsoft.Extensions.Configuration;

namespace Honk;

/// <summary>Binds the <c>Honk</c> configuration section onto <see cref="HonkOptions"/>, key by key, refusing unknown keys.</summary>
internal static class HonkOptionsBinder
{
    private static IReadOnlyList<string> Keys => HonkOptions.ConfigurationKeys;

    public static void Bind(IConfigurationSection section, HonkOptions options)
    {
        var unknown = section.GetChildren().Select(c => c.Key).Where(k => !Keys.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"Unknown key(s) in configuration section '{section.Path}': {string.Join(", ", unknown)}. Valid keys: {string.Join(", ", Keys)}.");
        }

        options.Model = section["Model"] ?? options.Model;
        options.ModelId = section["ModelId"] ?? options.ModelId;
        options.Instructions = section["Instructions"] ?? options.Instructions;
        if (section.GetSection("ModelChosenPerSession").Value is { } perSession)
        {
            options.ModelChosenPerSession = bool.Parse(perSession);
        }

        var loop = section.GetSection("Loop");
        if (loop.Exists())
        {
            // Budget is a record whose default is a shared instance: bind into a copy, never into Budget.Default.
            options.Loop.Budget = options.Loop.Budget with { };
            loop.Bind(options.Loop, o => o.ErrorOnUnknownConfiguration = true);
        }

        var prices = section.GetSection("Prices");
        if (prices.Exists())
        {
            prices.Bind(options.PriceOverrides, o => o.ErrorOnUnknownConfiguration = true);
        }
    }
}
