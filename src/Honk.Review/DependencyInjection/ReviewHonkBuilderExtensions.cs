using Honk.Review;

namespace Honk;

/// <summary>Honk.Review's registrations on <see cref="IHonkBuilder"/>.</summary>
public static class ReviewHonkBuilderExtensions
{
    /// <summary>Runs the deterministic guards (test integrity, scope) after the stop gate of every session.</summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IHonkBuilder AddGuards(this IHonkBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ReplaceSessionContributor(new GuardsContributor());
    }

    /// <summary>
    /// Runs the LLM judge (the diff against the task) after the guards, in every session that has a judge model:
    /// <see cref="HonkRunOptions.JudgeModel"/> or <see cref="HonkRunOptions.JudgeModelSpec"/> (<c>--judge-model</c>).
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">The judge's options; the defaults when <see langword="null"/>.</param>
    /// <returns>The builder.</returns>
    public static IHonkBuilder AddJudge(this IHonkBuilder builder, LlmJudgeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ReplaceSessionContributor(new LlmJudgeContributor(options));
    }
}
