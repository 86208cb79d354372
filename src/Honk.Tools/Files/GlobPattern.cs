using Honk.Globbing;

namespace Honk.Tools.Files;

/// <summary>
/// A file glob as the tools accept it (Honk's one <see cref="PathGlob"/>): <c>*</c> (within a name), <c>**</c> (across
/// folders), <c>?</c>, <c>[abc]</c> and <c>{cs,csproj}</c>. A glob without '/' matches file names at any depth (like
/// .gitignore and ripgrep); one with '/' matches the path relative to the repository root or to the searched folder.
/// </summary>
internal sealed class GlobPattern
{
    private readonly PathGlob _glob;

    private GlobPattern(string pattern, PathGlob glob)
    {
        Pattern = pattern;
        _glob = glob;
    }

    /// <summary>The glob as given.</summary>
    public string Pattern { get; }

    /// <summary>True when the glob has no '/' and so matches file names at any depth.</summary>
    public bool MatchesNameOnly => _glob.HasNoFolder;

    /// <summary>Parses a glob.</summary>
    /// <param name="pattern">The glob.</param>
    /// <returns>The matcher.</returns>
    /// <exception cref="ToolException">The glob is malformed.</exception>
    public static GlobPattern Parse(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (PathGlob.NormalizePath(pattern).Length == 0)
        {
            throw new ToolException("glob is empty; pass a pattern such as '*.cs' or 'src/**/*.json', or leave it out.");
        }

        try
        {
            return new GlobPattern(pattern, PathGlob.Parse(pattern));
        }
        catch (FormatException ex)
        {
            throw new ToolException(ex.Message);
        }
    }

    /// <summary>Tests a file.</summary>
    /// <param name="relativePath">The path relative to the repository root.</param>
    /// <param name="folder">The searched folder relative to the root ('.' for the root).</param>
    /// <returns>Whether the file matches.</returns>
    public bool IsMatch(string relativePath, string folder)
    {
        if (MatchesNameOnly)
        {
            return _glob.IsMatch(relativePath[(relativePath.LastIndexOf('/') + 1)..]);
        }

        if (_glob.IsMatch(relativePath))
        {
            return true;
        }

        return folder != "." && relativePath.StartsWith(folder + "/", StringComparison.Ordinal)
            && _glob.IsMatch(relativePath[(folder.Length + 1)..]);
    }
}
