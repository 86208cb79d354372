namespace Honk.Prompting;

/// <summary>One entry at the top of the repository: a folder with its file count, or a file.</summary>
/// <param name="Name">The name (folders end with <c>/</c>).</param>
/// <param name="IsDirectory">Whether it is a folder.</param>
/// <param name="Files">Files under it (1 for a file).</param>
public sealed record TopLevelEntry(string Name, bool IsDirectory, int Files);
