namespace Honk.Review;

/// <summary>Gives a session the LLM judge when it has a judge model (<see cref="HonkRunOptions.JudgeModel"/> or <see cref="HonkRunOptions.JudgeModelSpec"/>).</summary>
/// <param name="options">The judge's options.</param>
internal sealed class LlmJudgeContributor(LlmJudgeOptions? options) : ISessionContributor
{
    public int Order => SessionContributorOrder.Review;

    public ValueTask ContributeAsync(SessionSetup setup, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(setup);
        if (setup.JudgeModel is { } model)
        {
            setup.Options.Judges.Add(new LlmJudge(model, options, setup.Options.TimeProvider));
        }

        return ValueTask.CompletedTask;
    }
}
