using Microsoft.Extensions.Hosting;

namespace Honk.Hosting;

/// <summary>
/// Creates or migrates the store's schema when the app starts, so the first request never meets a missing table; then
/// tightens the state folder's files (SQLite creates its journal files on the first connection).
/// </summary>
internal sealed class StoreInitializer(ISessionStore store, HonkStateFolder? state) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        state?.TightenFiles();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
