namespace Honk.Delivery.Git;

/// <summary>Builds the git delivery channels for a delivery mode by name, as the CLI's <c>--deliver</c> does.</summary>
public static class GitDeliveryChannels
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> the git channels report on.</summary>
    public const string ActivitySourceName = "Honk.Delivery.Git";

    /// <summary>The modes <see cref="Create"/> understands: <c>none</c>, <c>branch</c>, <c>patch</c>, <c>push</c>.</summary>
    public static IReadOnlyList<string> Modes { get; } = ["none", "branch", "patch", "push"];

    /// <summary>Whether <see cref="Create"/> understands <paramref name="mode"/>.</summary>
    /// <param name="mode">A delivery mode name.</param>
    /// <returns><see langword="true"/> for <c>none</c>, <c>branch</c>, <c>patch</c> and <c>push</c> (any case).</returns>
    public static bool IsSupported(string? mode)
        => mode is not null && Modes.Contains(mode.Trim().ToLowerInvariant());

    /// <summary>The channels of a delivery mode.</summary>
    /// <param name="mode"><c>none</c> (no channel: the change stays in the workspace), <c>branch</c>, <c>patch</c> or <c>push</c>.</param>
    /// <param name="options">The settings; defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    /// <returns>The channels to run in order; empty for <c>none</c>.</returns>
    /// <exception cref="ArgumentException">The mode is unknown (a pull request is <c>Honk.Delivery.GitHub</c>'s, after <c>push</c>).</exception>
    public static IReadOnlyList<DeliveryChannel> Create(string mode, GitDeliveryOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(mode);
        return mode.Trim().ToLowerInvariant() switch
        {
            "none" => [],
            GitBranchDeliveryChannel.ChannelName => [new GitBranchDeliveryChannel(options, timeProvider)],
            GitPatchDeliveryChannel.ChannelName => [new GitPatchDeliveryChannel(options, timeProvider)],
            GitPushDeliveryChannel.ChannelName => [new GitPushDeliveryChannel(options, timeProvider)],
            "pr" => throw new ArgumentException("Delivery mode 'pr' is not a git channel: combine 'push' with the pull-request channel of Honk.Delivery.GitHub.", nameof(mode)),
            _ => throw new ArgumentException($"Unknown delivery mode '{mode}'; use one of {string.Join(", ", Modes)}.", nameof(mode)),
        };
    }
}
