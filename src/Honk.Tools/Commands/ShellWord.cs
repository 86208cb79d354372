namespace Honk.Tools;

/// <summary>One word of a shell command line, with quotes and escapes removed.</summary>
/// <param name="Text">The word as the shell would see it before expansions.</param>
/// <param name="IsDynamic">True when the word holds an expansion (<c>$x</c>, <c>$(...)</c>, backticks), so its value is only known at run time.</param>
/// <param name="IsQuoted">True when any part of the word was quoted or escaped.</param>
internal sealed record ShellWord(string Text, bool IsDynamic, bool IsQuoted = false);
