using System.Text;

namespace Honk.Prompting;

/// <summary>The prompt a session starts with, and how it was put together.</summary>
public sealed record AssembledPrompt
{
    /// <summary>The system prompt: rules, tool guidance, repository facts and the repository's instruction files.</summary>
    public required string SystemPrompt { get; init; }

    /// <summary>The first user message: the task.</summary>
    public required string UserMessage { get; init; }

    /// <summary>The <see cref="PromptTemplate.Version"/> that produced it.</summary>
    public required string TemplateVersion { get; init; }

    /// <summary>The first 16 hex digits of SHA-256 over the system prompt, a NUL character and the user message (UTF-8).</summary>
    public required string Digest { get; init; }

    /// <summary>Estimated tokens of both messages (characters / 4, rounded up).</summary>
    public required int EstimatedTokens { get; init; }

    /// <summary>The token budget it was fitted to.</summary>
    public required int TokenBudget { get; init; }

    /// <summary>Every section in prompt order, with sizes and cuts.</summary>
    public required IReadOnlyList<PromptSection> Sections { get; init; }

    /// <summary>Whether the prompt fits the budget. It can only exceed it when the parts that are never cut (rules, tools, build systems, task) do.</summary>
    public bool WithinBudget => EstimatedTokens <= TokenBudget;

    /// <summary>The sections that were truncated or dropped.</summary>
    public IEnumerable<PromptSection> CutSections => Sections.Where(s => s.Cut != PromptSectionCut.None);

    /// <summary>Renders both messages and a size report, for a person to review (<c>honk prompt</c>).</summary>
    /// <returns>The text.</returns>
    public string ToReviewText()
    {
        var text = new StringBuilder()
            .Append("=== system prompt (").Append(TemplateVersion).Append(", digest ").Append(Digest).AppendLine(") ===")
            .AppendLine(SystemPrompt)
            .AppendLine()
            .AppendLine("=== user message ===")
            .AppendLine(UserMessage)
            .AppendLine()
            .Append("=== ~").Append(EstimatedTokens).Append(" tokens of a budget of ").Append(TokenBudget).AppendLine(" ===");
        foreach (var section in Sections)
        {
            text.Append("  ").Append(section.Part == PromptPart.System ? "system " : "user   ").Append(section.Name.PadRight(40))
                .Append(" ~").Append(section.EstimatedTokens).Append(" tokens");
            if (section.Cut != PromptSectionCut.None)
            {
                text.Append(" (").Append(section.Cut.ToString().ToLowerInvariant()).Append(" from ~").Append(TokenEstimate.FromChars(section.OriginalChars)).Append(')');
            }

            text.AppendLine();
        }

        return text.ToString().TrimEnd();
    }
}
