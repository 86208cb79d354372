using Honk.Delivery.Git;

namespace Honk;

/// <summary>Honk.Delivery.Git's registrations on <see cref="IHonkBuilder"/>.</summary>
public static class GitDeliveryHonkBuilderExtensions
{
    /// <summary>
    /// Delivers each session's change the ways it asks for in <see cref="HonkRunOptions.Delivery"/>: <c>branch</c>
    /// (commit on the session branch), <c>patch</c> (a patch file), <c>push</c> (commit and push).
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Adjusts the committer, the patch folder, the push URL….</param>
    /// <returns>The builder.</returns>
    public static IHonkBuilder AddGitDelivery(this IHonkBuilder builder, Action<GitDeliveryOptions>? configure = null)
    {
        var options = new GitDeliveryOptions();
        configure?.Invoke(options);
        return builder.AddGitDelivery(options);
    }

    /// <summary>Like <see cref="AddGitDelivery(IHonkBuilder, Action{GitDeliveryOptions})"/>, with the options given.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">How git delivery commits, pushes and writes patches.</param>
    /// <returns>The builder.</returns>
    public static IHonkBuilder AddGitDelivery(this IHonkBuilder builder, GitDeliveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        return builder.ReplaceSessionContributor(new GitDeliveryContributor(options));
    }
}
