using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Honk.Benchmarks;

/// <summary>
/// Listens to the runtime's GC AllocationTick events (one about every 100 KB allocated, naming the type whose
/// allocation crossed the mark) and sums the sampled amounts per type: a statistical picture of who allocates what.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const int AllocationTickEventId = 10;
    private const long GcKeyword = 0x1;

    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private volatile bool _recording;

    public IReadOnlyDictionary<string, long> BytesByType => _bytes;

    public long TotalSampledBytes => _bytes.Values.Sum();

    public void Start() => _recording = true;

    public void Stop() => _recording = false;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        // Called from the base constructor too, before the fields exist.
        if (_bytes is null || !_recording || eventData.EventId != AllocationTickEventId || eventData.PayloadNames is null)
        {
            return;
        }

        var typeName = Payload(eventData, "TypeName") as string ?? "?";
        var amount = Payload(eventData, "AllocationAmount64") switch
        {
            ulong u => (long)u,
            long l => l,
            _ => 0,
        };
        _bytes.AddOrUpdate(typeName, amount, (_, sum) => sum + amount);
    }

    private static object? Payload(EventWrittenEventArgs eventData, string name)
    {
        var index = eventData.PayloadNames!.IndexOf(name);
        return index >= 0 ? eventData.Payload![index] : null;
    }
}
