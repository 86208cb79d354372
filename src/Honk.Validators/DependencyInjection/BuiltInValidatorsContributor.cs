namespace Honk.Validators;

/// <summary>Gives each session the repository-activated validators (fresh instances).</summary>
/// <param name="options">The validators' options, fixed at registration.</param>
internal sealed class BuiltInValidatorsContributor(BuiltInValidatorsOptions options) : ISessionContributor
{
    public int Order => SessionContributorOrder.Validators;

    public ValueTask ContributeAsync(SessionSetup setup, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(setup);
        foreach (var validator in BuiltInValidators.Create(options))
        {
            setup.Options.Validators.Add(validator);
        }

        return ValueTask.CompletedTask;
    }
}
