namespace Honk.Testing;

/// <summary>
/// A judge that returns queued verdicts in order, then approves, and records every call.
/// </summary>
public sealed class FakeJudge : Judge
{
    private readonly Lock _gate = new();
    private readonly Queue<Verdict> _verdicts = new();
    private readonly List<JudgeContext> _contexts = [];

    /// <summary>Creates the judge.</summary>
    /// <param name="name">Its name.</param>
    /// <param name="verdicts">Verdicts to return, in order.</param>
    public FakeJudge(string name = "fake-judge", params IEnumerable<Verdict> verdicts)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(verdicts);
        Name = name;
        foreach (var verdict in verdicts)
        {
            Enqueue(verdict);
        }
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <summary>How many times the judge ran.</summary>
    public int Calls
    {
        get
        {
            lock (_gate)
            {
                return _contexts.Count;
            }
        }
    }

    /// <summary>The contexts of every judgement, in order.</summary>
    public IReadOnlyList<JudgeContext> Contexts
    {
        get
        {
            lock (_gate)
            {
                return [.. _contexts];
            }
        }
    }

    /// <summary>Queues a verdict.</summary>
    /// <param name="verdict">The verdict.</param>
    /// <returns>This judge.</returns>
    public FakeJudge Enqueue(Verdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        lock (_gate)
        {
            _verdicts.Enqueue(verdict);
        }

        return this;
    }

    /// <inheritdoc />
    protected override ValueTask<Verdict> JudgeCoreAsync(JudgeContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _contexts.Add(context);
            return ValueTask.FromResult(_verdicts.TryDequeue(out var next) ? next : Verdict.Approve("fake judge approves"));
        }
    }
}
