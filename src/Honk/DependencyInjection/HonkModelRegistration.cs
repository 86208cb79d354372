using Microsoft.Extensions.AI;

namespace Honk;

/// <summary>
/// The model registered with <c>WithChatClient</c>. Honk owns this type, so an app's own <see cref="IChatClient"/>
/// registration (for its chat feature, say) never replaces Honk's model, and Honk's never replaces the app's.
/// </summary>
/// <param name="create">Creates the client; called once per session.</param>
/// <param name="ownedBySession">Whether the session disposes what <paramref name="create"/> returns.</param>
internal sealed class HonkModelRegistration(Func<IServiceProvider, IChatClient> create, bool ownedBySession)
{
    public Func<IServiceProvider, IChatClient> Create { get; } = create;

    public bool OwnedBySession { get; } = ownedBySession;
}
