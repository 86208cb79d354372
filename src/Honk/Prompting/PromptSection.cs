namespace Honk.Prompting;

/// <summary>One section of an assembled prompt, with its size before and after the budget was applied.</summary>
/// <param name="Name">The section: <c>rules</c>, <c>tools</c>, <c>build</c>, <c>languages</c>, <c>tree</c>, <c>instructions:PATH</c> or <c>task</c>.</param>
/// <param name="Part">The message the section is in.</param>
/// <param name="Chars">Its size in the prompt, in characters (0 when dropped, or the size of the note left in its place).</param>
/// <param name="OriginalChars">Its size before any cut.</param>
/// <param name="Cut">What the budget did to it.</param>
public sealed record PromptSection(string Name, PromptPart Part, int Chars, int OriginalChars, PromptSectionCut Cut)
{
    /// <summary>Its estimated size in tokens (characters / 4, rounded up).</summary>
    public int EstimatedTokens => TokenEstimate.FromChars(Chars);
}
