using Honk.Prompting;

namespace Honk;

/// <summary>Adds Honk's standard prompt to every session.</summary>
public static class StandardPromptExtensions
{
    /// <summary>
    /// Assembles each session's prompt from the repository (its facts and instruction files), the task and the
    /// session's tools and validators — the prompt <c>honk run</c> sends, with its version and digest recorded.
    /// Without it, sessions get <see cref="HonkOptions.Instructions"/> or the short default.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">The prompt options; the defaults when <see langword="null"/>.</param>
    /// <returns>The builder.</returns>
    public static IHonkBuilder AddStandardPrompt(this IHonkBuilder builder, PromptOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ReplaceSessionContributor(new StandardPromptContributor(options));
    }
}
