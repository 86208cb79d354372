using System.Threading.Channels;

namespace Honk.Campaigns;

/// <summary>
/// The embedded default: an in-process queue drained by a fixed number of tasks, each running jobs through a
/// <see cref="CampaignJobProcessor"/>. No broker; the state is in the <see cref="CampaignStore"/> like anywhere else.
/// </summary>
public sealed class InProcessCampaignDispatcher : ICampaignDispatcher, IAsyncDisposable
{
    private readonly Channel<(string CampaignId, int Position)> _queue = Channel.CreateUnbounded<(string, int)>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly SemaphoreSlim _progress = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;

    /// <summary>Starts the queue's workers.</summary>
    /// <param name="processor">Runs each job.</param>
    /// <param name="parallelism">How many jobs run at once (the campaign's concurrency).</param>
    public InProcessCampaignDispatcher(CampaignJobProcessor processor, int parallelism)
    {
        ArgumentNullException.ThrowIfNull(processor);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        processor.JobFinished += (_, _) => _progress.Release();
        _workers = [.. Enumerable.Range(0, parallelism).Select(_ => Task.Run(() => DrainAsync(processor)))];
    }

    /// <inheritdoc />
    public ValueTask DispatchAsync(string campaignId, int position, CancellationToken cancellationToken = default)
        => _queue.Writer.WriteAsync((campaignId, position), cancellationToken);

    /// <inheritdoc />
    public async Task WaitForProgressAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _progress.WaitAsync(timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The timeout: the caller reads the store anyway.
        }
    }

    /// <summary>Cancels running sessions (for a cancelled campaign) without waiting for them.</summary>
    public void CancelRunning() => _stop.Cancel();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_workers).ConfigureAwait(false);
        _stop.Dispose();
        _progress.Dispose();
    }

    private async Task DrainAsync(CampaignJobProcessor processor)
    {
        await foreach (var (campaignId, position) in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await processor.ProcessAsync(campaignId, position, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // A cancelled campaign: the controller skips what was not started.
            }
        }
    }
}
