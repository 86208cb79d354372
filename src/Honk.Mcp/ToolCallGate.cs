namespace Honk.Mcp;

/// <summary>
/// The one rule a Honk session already follows, applied to MCP clients, which may send many calls at once: read-only
/// calls (<see cref="ToolTraits.IsReadOnly"/>) may run together; every other call runs alone. A command or the
/// repository's tests (<c>run_command</c>, <c>validate</c>) run the repository's code in the sandbox, and that code can
/// swap a folder for a symbolic link out of the workspace between the fence's check and a concurrent read or write on
/// the host; the sandbox's processes all end with the call, so nothing can swap while a file tool runs.
/// </summary>
internal sealed class ToolCallGate
{
    // Held by an exclusive call for its whole run; readers pass through it, so a waiting exclusive call is not starved.
    private readonly SemaphoreSlim _turnstile = new(1, 1);

    // Held while any call runs: by the exclusive call, or by the group of readers (the first takes it, the last frees it).
    private readonly SemaphoreSlim _room = new(1, 1);

    private readonly SemaphoreSlim _readerCount = new(1, 1);
    private int _readers;

    /// <summary>Runs <paramref name="call"/> when the rule allows it.</summary>
    /// <typeparam name="T">The call's result.</typeparam>
    /// <param name="readOnly">Whether the called tool is read-only.</param>
    /// <param name="call">The call.</param>
    /// <param name="cancellationToken">Cancels the wait (and is passed on by the caller to the call).</param>
    /// <returns>The call's result.</returns>
    public async ValueTask<T> RunAsync<T>(bool readOnly, Func<ValueTask<T>> call, CancellationToken cancellationToken)
    {
        if (!readOnly)
        {
            await _turnstile.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _room.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    return await call().ConfigureAwait(false);
                }
                finally
                {
                    _room.Release();
                }
            }
            finally
            {
                _turnstile.Release();
            }
        }

        await _turnstile.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _readerCount.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_readers == 0)
                {
                    await _room.WaitAsync(cancellationToken).ConfigureAwait(false);
                }

                _readers++;
            }
            finally
            {
                _readerCount.Release();
            }
        }
        finally
        {
            _turnstile.Release();
        }

        try
        {
            return await call().ConfigureAwait(false);
        }
        finally
        {
            await _readerCount.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            if (--_readers == 0)
            {
                _room.Release();
            }

            _readerCount.Release();
        }
    }
}
