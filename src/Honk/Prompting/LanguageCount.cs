namespace Honk.Prompting;

/// <summary>How many of the repository's files are in one language, judged by file extension.</summary>
/// <param name="Name">The language, such as <c>C#</c> or <c>TypeScript</c>.</param>
/// <param name="Files">The number of files.</param>
public sealed record LanguageCount(string Name, int Files);
