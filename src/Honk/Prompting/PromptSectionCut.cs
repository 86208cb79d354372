namespace Honk.Prompting;

/// <summary>What the token budget did to a prompt section.</summary>
public enum PromptSectionCut
{
    /// <summary>Kept whole.</summary>
    None,

    /// <summary>Shortened, with a marker telling the model where the rest is.</summary>
    Truncated,

    /// <summary>Left out (an instruction file leaves a one-line note that it exists).</summary>
    Dropped,
}
