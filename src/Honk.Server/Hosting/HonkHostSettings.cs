using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Honk.Server;

/// <summary>The host's own settings in configuration section <c>Honk</c>, beside <see cref="HonkServerOptions"/>.</summary>
internal sealed record HonkHostSettings
{
    /// <summary>The keys read here (the rest of the section binds to <see cref="HonkServerOptions"/>).</summary>
    public static IReadOnlyList<string> Keys { get; } = ["Model", "StateDirectory", "DataDirectory", "HostId", "MaxConcurrency", "AllowUnsandboxed"];

    public string? Model { get; init; }

    public string? StateDirectory { get; init; }

    public string? HostId { get; init; }

    public int? MaxConcurrency { get; init; }

    public bool AllowUnsandboxed { get; init; }

    public static HonkHostSettings Read(IConfigurationSection section)
    {
        var concurrency = section["MaxConcurrency"];
        var unsandboxed = section["AllowUnsandboxed"];
        return new HonkHostSettings
        {
            Model = Blank(section["Model"]),

            // DataDirectory is the earlier name of the setting.
            StateDirectory = Blank(section["StateDirectory"]) ?? Blank(section["DataDirectory"]),
            HostId = Blank(section["HostId"]),
            MaxConcurrency = concurrency is null ? null
                : int.TryParse(concurrency, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
                : throw new InvalidOperationException($"Honk:MaxConcurrency must be a positive whole number, not '{concurrency}'."),
            AllowUnsandboxed = unsandboxed is not null && (bool.TryParse(unsandboxed, out var b)
                ? b
                : throw new InvalidOperationException($"Honk:AllowUnsandboxed must be true or false, not '{unsandboxed}'.")),
        };
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
