namespace Honk;

/// <summary>
/// Adds one feature to every session <see cref="HonkAgent"/> composes (the built-in tools, the validators, the guards,
/// git delivery, the prompt…). Feature packages register one through their <c>Add…()</c> builder extension; an app can
/// register its own with <see cref="HonkBuilderExtensions.WithSessionContributor{TContributor}(IHonkBuilder)"/>.
/// </summary>
/// <remarks>
/// Contributors run in ascending <see cref="Order"/>, ties in registration order (see <see cref="SessionContributorOrder"/>
/// for the stages); the whole sequence is <see cref="HonkAgent"/>'s one composition method.
/// </remarks>
public interface ISessionContributor
{
    /// <summary>When this contributor runs, relative to the others (a <see cref="SessionContributorOrder"/> stage).</summary>
    int Order { get; }

    /// <summary>
    /// The names of the tools this contributor adds, known before any session: the startup check rejects two tools of
    /// the same name before the first session rather than letting one silently shadow the other.
    /// </summary>
    IReadOnlyCollection<string> ToolNames => [];

    /// <summary>Adds this contributor's feature to the session being composed.</summary>
    /// <param name="setup">The session being composed.</param>
    /// <param name="cancellationToken">Cancels the composition.</param>
    /// <returns>A task that completes when the feature is added.</returns>
    ValueTask ContributeAsync(SessionSetup setup, CancellationToken cancellationToken = default);
}
