namespace Honk.Review;

/// <summary>Gives each session the deterministic guards: test integrity, then scope (cheap and certain, before any judge).</summary>
internal sealed class GuardsContributor : ISessionContributor
{
    public int Order => SessionContributorOrder.Review;

    public ValueTask ContributeAsync(SessionSetup setup, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(setup);
        setup.Options.Judges.Add(new TestIntegrityGuard());
        setup.Options.Judges.Add(new ScopeGuard());
        return ValueTask.CompletedTask;
    }
}
