namespace Honk.Delivery.Git;

/// <summary>Gives a session the git delivery channels of its <see cref="HonkRunOptions.Delivery"/> modes, each once.</summary>
/// <param name="options">How git delivery commits, pushes and writes patches.</param>
internal sealed class GitDeliveryContributor(GitDeliveryOptions options) : ISessionContributor
{
    public int Order => SessionContributorOrder.Delivery;

    public ValueTask ContributeAsync(SessionSetup setup, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var names = new List<string>();
        foreach (var mode in setup.Run.Delivery)
        {
            if (!GitDeliveryChannels.IsSupported(mode))
            {
                throw new InvalidOperationException($"Unknown git delivery mode '{mode}': use {string.Join(", ", GitDeliveryChannels.Modes)}.");
            }

            foreach (var channel in GitDeliveryChannels.Create(mode, options, setup.Options.TimeProvider).Where(c => !names.Contains(c.Name)))
            {
                names.Add(channel.Name);
                setup.Options.DeliveryChannels.Add(channel);
            }
        }

        return ValueTask.CompletedTask;
    }
}
