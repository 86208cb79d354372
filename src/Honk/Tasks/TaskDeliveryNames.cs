namespace Honk.Tasks;

/// <summary>Converts <see cref="TaskDelivery"/> to and from its wire names (<c>none|branch|patch|push|pr</c>).</summary>
public static class TaskDeliveryNames
{
    /// <summary>Every wire name, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = ["none", "branch", "patch", "push", "pr"];

    /// <summary>The wire name of a delivery mode.</summary>
    /// <param name="delivery">The mode.</param>
    /// <returns><c>none</c>, <c>branch</c>, <c>patch</c>, <c>push</c> or <c>pr</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined mode.</exception>
    public static string ToWireName(this TaskDelivery delivery) => delivery switch
    {
        TaskDelivery.None => "none",
        TaskDelivery.Branch => "branch",
        TaskDelivery.Patch => "patch",
        TaskDelivery.Push => "push",
        TaskDelivery.PullRequest => "pr",
        _ => throw new ArgumentOutOfRangeException(nameof(delivery), delivery, "Unknown delivery mode."),
    };

    /// <summary>Parses a wire name (exact, lower case).</summary>
    /// <param name="name">The name.</param>
    /// <param name="delivery">The mode, when the name is known.</param>
    /// <returns>Whether the name is known.</returns>
    public static bool TryParse(string? name, out TaskDelivery delivery)
    {
        foreach (var candidate in Enum.GetValues<TaskDelivery>())
        {
            if (string.Equals(candidate.ToWireName(), name, StringComparison.Ordinal))
            {
                delivery = candidate;
                return true;
            }
        }

        delivery = default;
        return false;
    }
}
