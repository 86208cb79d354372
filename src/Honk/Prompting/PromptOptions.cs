namespace Honk.Prompting;

/// <summary>How <see cref="PromptBuilder"/> sizes the prompt.</summary>
public sealed class PromptOptions
{
    /// <summary>Token budget for the system prompt and the task message together (estimated as characters / 4). Default 8,000.</summary>
    public int MaxTokens { get; set; } = 8_000;

    /// <summary>The smallest part of an instruction file worth keeping when it must be cut, in characters; below it the file is dropped with a note. Default 400.</summary>
    public int MinInstructionChars { get; set; } = 400;

    /// <summary>Caps for the repository scan.</summary>
    public RepositoryScanOptions Scan { get; set; } = new();

    /// <summary>Returns every out-of-range setting, one message each; empty when all are valid.</summary>
    /// <returns>The problems found.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxTokens < 500)
        {
            errors.Add("MaxTokens must be at least 500.");
        }

        if (MinInstructionChars < 0)
        {
            errors.Add("MinInstructionChars must not be negative.");
        }

        if (Scan is null)
        {
            errors.Add("Scan must not be null.");
        }

        return errors;
    }
}
