using Honk.Git;

namespace Honk.Workspaces.Git.Internal;

/// <summary>
/// An exclusive lock on one mirror, shared by every process on the machine: an open lock file with no sharing
/// (an advisory <c>flock</c> on Unix), released by the operating system when the holder dies.
/// </summary>
internal sealed class MirrorLock : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);
    private readonly FileStream _stream;

    private MirrorLock(FileStream stream) => _stream = stream;

    /// <summary>Waits for the lock.</summary>
    /// <param name="path">The lock file (created when missing, never deleted).</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The held lock; dispose it to release.</returns>
    /// <exception cref="GitException">Another session held the lock for longer than <paramref name="timeout"/>.</exception>
    public static async Task<MirrorLock> AcquireAsync(string path, TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return new MirrorLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (timeout == Timeout.InfiniteTimeSpan || timeProvider.GetElapsedTime(started) < timeout)
            {
                await Task.Delay(PollInterval, timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                throw new GitException($"Another session held the lock '{path}' for more than {timeout}; giving up.", ex);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();
}
