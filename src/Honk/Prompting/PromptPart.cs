namespace Honk.Prompting;

/// <summary>Which message of the prompt a section is in.</summary>
public enum PromptPart
{
    /// <summary>The system prompt: rules, tools, repository facts and instruction files.</summary>
    System,

    /// <summary>The first user message: the task.</summary>
    User,
}
