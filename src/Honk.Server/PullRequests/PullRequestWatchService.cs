using Honk.Delivery.GitHub;
using Honk.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Honk.Server;

/// <summary>
/// Runs the <see cref="PullRequestWatcher"/> in the background: at once when a <c>check_run</c>, <c>check_suite</c>,
/// <c>status</c> or <c>pull_request</c> webhook arrives (<see cref="Wake"/>), and every
/// <see cref="PullRequestLoopOptions.PollInterval"/> otherwise, for hosts GitHub cannot reach. After failures the
/// interval doubles up to <see cref="PullRequestLoopOptions.MaxPollBackoff"/>. Off without a <c>GitHubClient</c>, a
/// <c>HonkHost</c>, or with <see cref="PullRequestLoopOptions.Watch"/> false.
/// </summary>
public sealed class PullRequestWatchService : BackgroundService
{
    private readonly IServiceProvider _services;
    private readonly HonkServerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<PullRequestWatchService> _logger;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates the service.</summary>
    /// <param name="services">Where the host and the GitHub client are found.</param>
    /// <param name="options">The server's options (<see cref="HonkServerOptions.PullRequests"/>).</param>
    /// <param name="time">The clock for polling.</param>
    /// <param name="logger">The log.</param>
    public PullRequestWatchService(IServiceProvider services, IOptions<HonkServerOptions> options, TimeProvider time, ILogger<PullRequestWatchService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _services = services;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>The watcher, once the service has started with a GitHub client and a host; null when watching is off.</summary>
    public PullRequestWatcher? Watcher { get; private set; }

    /// <summary>Completed looks over all watched pull requests (for tests and diagnostics).</summary>
    public int Polls => Volatile.Read(ref _polls);

    private int _polls;

    /// <summary>Asks for a look now (a webhook said a check or the pull request changed).</summary>
    public void Wake() => Interlocked.Exchange(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loop = _options.PullRequests;
        await RestoreBoardAsync(loop, stoppingToken).ConfigureAwait(false);
        if (!loop.Watch || _services.GetService<GitHubClient>() is not { } github || _services.GetService<HonkHost>() is not { } host)
        {
            return;
        }

        Watcher = new PullRequestWatcher(host, github, loop, [.. _options.Approval.RequiredChecks], _services.GetService<ILogger<PullRequestWatcher>>(), _services.GetServices<IPullRequestChecksObserver>());
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before the look, so a webhook arriving during it brings the next look forward.
            var woken = Volatile.Read(ref _wake).Task;
            try
            {
                var steps = await Watcher.CheckAllAsync(stoppingToken).ConfigureAwait(false);
                failures = steps.Any(s => s.Kind == PullRequestStepKind.Error) ? failures + 1 : 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The watcher must outlive a failed look (a store hiccup); it is logged and retried with backoff.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures++;
                PullRequestLog.StepFailed(_logger, ex, "*");
            }

            Interlocked.Increment(ref _polls);
            var delay = Delay(loop, failures);
            if (failures > 0)
            {
                PullRequestLog.PollBackoff(_logger, failures, delay);
            }

            try
            {
                await woken.WaitAsync(delay, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // The poll interval passed without a webhook: look anyway.
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The review page's checks as the store last recorded them, before the first look (which may take a while, or fail).</summary>
    private async Task RestoreBoardAsync(PullRequestLoopOptions loop, CancellationToken stoppingToken)
    {
        if (_services.GetService<PullRequestCheckBoard>() is not { } board || _services.GetService<HonkHost>() is not { } host)
        {
            return;
        }

        try
        {
            await board.RestoreAsync(host, loop.MaxWatched, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A store hiccup leaves the page empty until the first look, as before; it must not stop the watcher.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            PullRequestLog.StepFailed(_logger, ex, "*");
        }
    }

    /// <summary>The poll interval, doubled per consecutive failure up to the backoff cap.</summary>
    /// <param name="options">The interval and the cap.</param>
    /// <param name="failures">Failed looks in a row.</param>
    /// <returns>How long to wait before the next look.</returns>
    public static TimeSpan Delay(PullRequestLoopOptions options, int failures)
    {
        ArgumentNullException.ThrowIfNull(options);
        var delay = options.PollInterval;
        for (var i = 0; i < failures && delay < options.MaxPollBackoff; i++)
        {
            delay *= 2;
        }

        return delay < options.MaxPollBackoff ? delay : options.MaxPollBackoff;
    }
}
