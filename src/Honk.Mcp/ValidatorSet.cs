namespace Honk.Mcp;

/// <summary>
/// Runs the validators that apply to the served folder, in order, the way the stop gate does on a finished session
/// (one report per applicable validator). It backs the <c>validate</c> tool outside a session.
/// </summary>
internal sealed class ValidatorSet
{
    private readonly IReadOnlyList<Validator> _validators;
    private readonly Func<int, ValidationContext> _contextForRound;
    private int _round;

    public ValidatorSet(IReadOnlyList<Validator> validators, Func<int, ValidationContext> contextForRound)
    {
        _validators = validators;
        _contextForRound = contextForRound;
    }

    public async ValueTask<IReadOnlyList<ValidatorReport>> RunAsync(CancellationToken cancellationToken)
    {
        // Round 0 would mean "the untouched tree"; every call here validates whatever the client has changed so far.
        var context = _contextForRound(Interlocked.Increment(ref _round));
        var reports = new List<ValidatorReport>();
        foreach (var validator in _validators)
        {
            if (await validator.AppliesToAsync(context, cancellationToken).ConfigureAwait(false))
            {
                reports.Add(new ValidatorReport(validator.Name, await validator.ValidateAsync(context, cancellationToken).ConfigureAwait(false)));
            }
        }

        return reports;
    }
}
