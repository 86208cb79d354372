namespace Honk.Prompting;

/// <summary>An instruction file the repository carries for agents (<c>AGENTS.md</c>, <c>CLAUDE.md</c>, <c>.github/copilot-instructions.md</c>).</summary>
/// <param name="Path">The file, relative to the repository root, with <c>/</c> separators.</param>
/// <param name="Content">Its text (possibly cut at <see cref="RepositoryScanOptions.MaxInstructionFileChars"/>).</param>
/// <param name="OriginalChars">Its full length in characters.</param>
public sealed record InstructionFile(string Path, string Content, int OriginalChars)
{
    /// <summary>The folder the file governs: <c>""</c> for the repository root, otherwise its folder with a trailing <c>/</c>.</summary>
    public string AppliesTo
    {
        get
        {
            var folder = Path.StartsWith(".github/", StringComparison.Ordinal) ? string.Empty : System.IO.Path.GetDirectoryName(Path)?.Replace('\\', '/') ?? string.Empty;
            return folder.Length == 0 ? string.Empty : folder + "/";
        }
    }
}
