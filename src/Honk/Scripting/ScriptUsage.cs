namespace Honk.Scripting;

/// <summary>The token usage a scripted turn reports instead of the default estimate.</summary>
/// <param name="InputTokens">Input (prompt) tokens to report.</param>
/// <param name="OutputTokens">Output (completion) tokens to report.</param>
public sealed record ScriptUsage(long InputTokens, long OutputTokens);
