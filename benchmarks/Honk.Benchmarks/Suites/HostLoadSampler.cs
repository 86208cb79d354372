using System.Diagnostics;

namespace Honk.Benchmarks.Suites;

/// <summary>
/// Samples this process's working set and managed heap every 100 ms on its own thread-pool loop, so the figures show
/// the peak the host really reached rather than what happened to be resident when the run ended.
/// </summary>
internal sealed class HostLoadSampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peakWorkingSet;
    private long _peakHeap;
    private int _samples;

    public HostLoadSampler()
    {
        _loop = Task.Run(SampleLoopAsync);
    }

    public long PeakWorkingSet => Interlocked.Read(ref _peakWorkingSet);

    public long PeakHeap => Interlocked.Read(ref _peakHeap);

    public int Samples => Volatile.Read(ref _samples);

    /// <summary>One reading now: working set and managed heap, without forcing a collection.</summary>
    public static MemoryReading Read()
    {
        using var process = Process.GetCurrentProcess();
        return new MemoryReading(process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false));
    }

    /// <summary>A reading after a full, compacting collection: what the host really still holds.</summary>
    public static MemoryReading ReadSettled()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return Read();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The loop ends by cancellation.
        }

        _stop.Dispose();
    }

    private async Task SampleLoopAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            var reading = Read();
            Max(ref _peakWorkingSet, reading.WorkingSetBytes);
            Max(ref _peakHeap, reading.HeapBytes);
            Interlocked.Increment(ref _samples);
        }
        while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
    }

    private static void Max(ref long location, long value)
    {
        var current = Interlocked.Read(ref location);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref location, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}

/// <summary>Working set and managed heap at one moment, in bytes.</summary>
internal readonly record struct MemoryReading(long WorkingSetBytes, long HeapBytes);
