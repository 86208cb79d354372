using System.Globalization;

namespace Honk.Campaigns;

/// <summary>The size of one wave after the canary: a number of repositories, or every repository left.</summary>
/// <param name="Count">How many repositories; <see langword="null"/> for all that remain.</param>
public readonly record struct WaveSize(int? Count)
{
    /// <summary>Every repository that remains.</summary>
    public static WaveSize All { get; } = new(null);

    /// <summary>Whether this wave takes every repository that remains.</summary>
    public bool IsAll => Count is null;

    /// <inheritdoc />
    public override string ToString() => Count?.ToString(CultureInfo.InvariantCulture) ?? "all";
}
