using Honk.Execution;
using Microsoft.Extensions.AI;

namespace Honk.Sessions;

/// <summary>The model call: streaming, with bounded retries of transient failures.</summary>
internal sealed partial class SessionRunner
{
    private async IAsyncEnumerable<AgentEvent> CallModelAsync(int turn, ModelCallState state, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        for (var attempt = 1; ; attempt++)
        {
            var updates = new List<ChatResponseUpdate>();
            Exception? error = null;
            using var timeout = new CancellationTokenSource(_loop.ModelCallTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            IAsyncEnumerator<ChatResponseUpdate>? stream = null;
            try
            {
                stream = _client.GetStreamingResponseAsync(_messages, _chatOptions, linked.Token).GetAsyncEnumerator(linked.Token);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                error = ex;
            }

            while (stream is not null && error is null)
            {
                bool moved;
                try
                {
                    moved = await stream.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    error = ex;
                    break;
                }

                if (!moved)
                {
                    break;
                }

                var update = stream.Current;
                updates.Add(update);
                if (_loop.EmitTextDeltas && update.Text is { Length: > 0 } text)
                {
                    yield return new AssistantTextDelta(turn, text);
                }
            }

            if (stream is not null)
            {
                await DisposeQuietlyAsync(stream).ConfigureAwait(false);
            }

            if (error is null)
            {
                state.Response = updates.ToChatResponse();
                yield break;
            }

            // The caller's cancellation (or the wall-time budget) ends the session; the facade decides which.
            cancellationToken.ThrowIfCancellationRequested();

            var failure = error is OperationCanceledException && timeout.IsCancellationRequested
                ? new ModelFailure(true, null, $"no complete response within {_loop.ModelCallTimeout.TotalSeconds:0} s")
                : ModelFailure.Classify(error);
            if (!failure.IsTransient)
            {
                state.Failure = $"The model call failed: {failure.Reason}";
                yield break;
            }

            if (attempt > _loop.MaxModelRetries)
            {
                state.Failure = $"The model call failed after {attempt} attempts: {failure.Reason}";
                yield break;
            }

            var delay = RetryDelay(attempt, failure.RetryAfter);
            if (waited + delay > _loop.RetryMaxTotalDelay)
            {
                state.Failure = $"The model call failed after {attempt} attempts and {waited.TotalSeconds:0} s of backoff (next wait {delay.TotalSeconds:0} s would pass the {_loop.RetryMaxTotalDelay.TotalSeconds:0} s limit): {failure.Reason}";
                yield break;
            }

            yield return new ModelCallRetrying(attempt, delay, failure.Reason);
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            waited += delay;
        }
    }

    /// <summary>
    /// The provider's Retry-After wins when given (it knows its own limits); otherwise exponential backoff with
    /// jitter (half fixed, half random) so many sessions hitting one limit do not retry in lockstep.
    /// </summary>
    private TimeSpan RetryDelay(int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } asked && asked > TimeSpan.Zero)
        {
            return asked;
        }

        var exponential = _loop.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(exponential, _loop.RetryMaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((capped / 2) + (_random.NextDouble() * capped / 2));
    }

    private static async ValueTask DisposeQuietlyAsync(IAsyncDisposable disposable)
    {
        try
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A broken stream may also fail to close; the error that matters was already captured.
        }
    }
}
