namespace Honk.Testing;

/// <summary>
/// An <see cref="ICommandRunner"/> that records requests and answers without starting anything: with queued results in
/// order, then with a configured responder (by default exit code 0 and no output).
/// </summary>
public sealed class RecordingCommandRunner : ICommandRunner
{
    private readonly Lock _gate = new();
    private readonly Queue<CommandResult> _results = new();
    private readonly List<CommandRequest> _requests = [];
    private readonly Func<CommandRequest, CommandResult> _respond;

    /// <summary>Creates the runner.</summary>
    /// <param name="respond">Answers requests once the queue is empty; exit code 0 and no output by default.</param>
    public RecordingCommandRunner(Func<CommandRequest, CommandResult>? respond = null)
        => _respond = respond ?? (_ => new CommandResult(0, "", TimeSpan.Zero));

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<CommandRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Queues a result.</summary>
    /// <param name="result">The result.</param>
    /// <returns>This runner.</returns>
    public RecordingCommandRunner Enqueue(CommandResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        lock (_gate)
        {
            _results.Enqueue(result);
        }

        return this;
    }

    /// <inheritdoc />
    public Task<CommandResult> RunAsync(CommandRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _requests.Add(request);
            return Task.FromResult(_results.TryDequeue(out var next) ? next : _respond(request));
        }
    }
}
