using DotNext.Threading;

namespace Honk.Mcp;

/// <summary>
/// The one rule a Honk session already follows, applied to MCP clients, which may send many calls at once: read-only
/// calls (<see cref="ToolTraits.IsReadOnly"/>) may run together; every other call runs alone. A command or the
/// repository's tests (<c>run_command</c>, <c>validate</c>) run the repository's code in the sandbox, and that code can
/// swap a folder for a symbolic link out of the workspace between the fence's check and a concurrent read or write on
/// the host; the sandbox's processes all end with the call, so nothing can swap while a file tool runs.
/// </summary>
/// <remarks>
/// A reader-writer lock from DotNext.Threading (ADR 0040): read-only calls take its read lock, the others its write
/// lock. A waiting write lock holds back the read locks asked for after it, so a stream of reads cannot starve a command.
/// </remarks>
internal sealed class ToolCallGate
{
    private readonly AsyncReaderWriterLock _lock = new();

    /// <summary>Runs <paramref name="call"/> when the rule allows it.</summary>
    /// <typeparam name="T">The call's result.</typeparam>
    /// <param name="readOnly">Whether the called tool is read-only.</param>
    /// <param name="call">The call.</param>
    /// <param name="cancellationToken">Cancels the wait (and is passed on by the caller to the call).</param>
    /// <returns>The call's result.</returns>
    public async ValueTask<T> RunAsync<T>(bool readOnly, Func<ValueTask<T>> call, CancellationToken cancellationToken)
    {
        if (readOnly)
        {
            await _lock.EnterReadLockAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _lock.EnterWriteLockAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await call().ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }
}
