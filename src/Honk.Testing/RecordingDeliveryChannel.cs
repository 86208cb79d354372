namespace Honk.Testing;

/// <summary>A delivery channel that records what it was asked to deliver and answers with a configured result.</summary>
public sealed class RecordingDeliveryChannel : DeliveryChannel
{
    private readonly Lock _gate = new();
    private readonly List<DeliveryContext> _contexts = [];
    private readonly Func<DeliveryContext, DeliveryResult> _respond;

    /// <summary>Creates the channel.</summary>
    /// <param name="name">Its name.</param>
    /// <param name="respond">Builds the result; by default a successful delivery that names the session.</param>
    public RecordingDeliveryChannel(string name = "recording", Func<DeliveryContext, DeliveryResult>? respond = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        _respond = respond ?? (context => DeliveryResult.Delivered(name, $"recorded session {context.SessionId}"));
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <summary>The contexts of every delivery, in order.</summary>
    public IReadOnlyList<DeliveryContext> Deliveries
    {
        get
        {
            lock (_gate)
            {
                return [.. _contexts];
            }
        }
    }

    /// <summary>A channel that always answers with <paramref name="result"/>.</summary>
    /// <param name="result">The result.</param>
    /// <returns>The channel.</returns>
    public static RecordingDeliveryChannel Returning(DeliveryResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new RecordingDeliveryChannel(result.Channel, _ => result);
    }

    /// <inheritdoc />
    protected override ValueTask<DeliveryResult> DeliverCoreAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _contexts.Add(context);
        }

        return ValueTask.FromResult(_respond(context));
    }
}
