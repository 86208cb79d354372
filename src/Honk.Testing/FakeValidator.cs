namespace Honk.Testing;

/// <summary>
/// A validator that returns queued results in order, then repeats the last one (a pass when none was queued), and
/// records every call.
/// </summary>
public sealed class FakeValidator : Validator
{
    private readonly Lock _gate = new();
    private readonly Queue<ValidationResult> _results = new();
    private readonly List<ValidationContext> _contexts = [];
    private ValidationResult _last = ValidationResult.Success("fake validator passed");

    /// <summary>Creates the validator.</summary>
    /// <param name="name">Its name.</param>
    /// <param name="results">Results to return, in order.</param>
    public FakeValidator(string name = "fake", params IEnumerable<ValidationResult> results)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(results);
        Name = name;
        foreach (var result in results)
        {
            Enqueue(result);
        }
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <summary>What <see cref="Validator.AppliesToAsync"/> answers. Default: true.</summary>
    public bool Applies { get; set; } = true;

    /// <summary>How many times <see cref="Validator.ValidateAsync"/> ran.</summary>
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

    /// <summary>The contexts of every validation, in order.</summary>
    public IReadOnlyList<ValidationContext> Contexts
    {
        get
        {
            lock (_gate)
            {
                return [.. _contexts];
            }
        }
    }

    /// <summary>Queues a result.</summary>
    /// <param name="result">The result.</param>
    /// <returns>This validator.</returns>
    public FakeValidator Enqueue(ValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        lock (_gate)
        {
            _results.Enqueue(result);
        }

        return this;
    }

    /// <inheritdoc />
    protected override ValueTask<bool> AppliesToCoreAsync(ValidationContext context, CancellationToken cancellationToken)
        => ValueTask.FromResult(Applies);

    /// <inheritdoc />
    protected override ValueTask<ValidationResult> ValidateCoreAsync(ValidationContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _contexts.Add(context);
            if (_results.TryDequeue(out var next))
            {
                _last = next;
            }

            return ValueTask.FromResult(_last);
        }
    }
}
