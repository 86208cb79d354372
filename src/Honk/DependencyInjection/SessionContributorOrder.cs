namespace Honk;

/// <summary>
/// The stages of a session's composition, in the order <see cref="HonkAgent"/> runs them. Tools, validators, review and
/// delivery first (the features), then what the app registered with <c>With…</c>, then wrappers that need the whole
/// list (the baseline, a host's effects ledger), the per-session <see cref="HonkRunOptions.Configure"/>, and the prompt
/// last, because it lists every tool and validator.
/// </summary>
public static class SessionContributorOrder
{
    /// <summary>Tools (<c>AddBuiltInTools()</c>).</summary>
    public const int Tools = 100;

    /// <summary>Validators (<c>AddBuiltInValidators()</c>).</summary>
    public const int Validators = 200;

    /// <summary>Guards and the judge (<c>AddGuards()</c>, <c>AddJudge()</c>).</summary>
    public const int Review = 300;

    /// <summary>Delivery channels (<c>AddGitDelivery()</c>).</summary>
    public const int Delivery = 400;

    /// <summary>The app's own tools, validators, judges, channels and sinks registered with <c>With…</c>.</summary>
    public const int Registered = 500;

    /// <summary>Wrappers over the complete lists (the validators' baseline, a host's delivery ledger).</summary>
    public const int Wrap = 800;

    /// <summary>The per-session <see cref="HonkRunOptions.Configure"/>.</summary>
    public const int Configure = 900;

    /// <summary>The prompt (<c>AddStandardPrompt()</c>): last, it lists every tool and validator.</summary>
    public const int Prompt = 1000;
}
