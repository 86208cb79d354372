using System.Text.RegularExpressions;
using Honk.Tools.Files;

namespace Honk.Tools.Search;

/// <summary>A validated search: the regex, where to look, and which files.</summary>
/// <param name="Pattern">The pattern as the model wrote it.</param>
/// <param name="Regex">The compiled .NET regex (used by the in-process back-end, and to validate the pattern).</param>
/// <param name="Root">The workspace root.</param>
/// <param name="Target">The fenced folder or file to search.</param>
/// <param name="Glob">The file filter, when given.</param>
/// <param name="IgnoreCase">Whether letter case is ignored.</param>
internal sealed record SearchRequest(string Pattern, Regex Regex, string Root, FencedPath Target, GlobPattern? Glob, bool IgnoreCase)
{
    /// <summary>True when the workspace is a git repository (so .gitignore applies).</summary>
    public bool IsGitRepository => Path.Exists(Path.Combine(Root, ".git"));

    /// <summary>True when a file found by a back-end is one this search covers.</summary>
    /// <param name="relativePath">Root-relative path.</param>
    /// <returns>Whether it is kept.</returns>
    public bool Includes(string relativePath)
    {
        if (WorkspaceFence.IsInsideGitDirectory(relativePath))
        {
            return false;
        }

        var folder = Target.IsDirectory ? Target.RelativePath : ".";
        return Glob is null || Glob.IsMatch(relativePath, folder);
    }
}
