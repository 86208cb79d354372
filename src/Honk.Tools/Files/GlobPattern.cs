using System.Text;
using System.Text.RegularExpressions;

namespace Honk.Tools.Files;

/// <summary>
/// A file glob as the tools accept it: <c>*</c> (within a name), <c>**</c> (across folders), <c>?</c>, <c>[abc]</c>
/// and <c>{cs,csproj}</c>. A glob without '/' matches file names at any depth (like .gitignore and ripgrep); one with
/// '/' matches the path relative to the repository root or to the searched folder.
/// </summary>
internal sealed class GlobPattern
{
    private readonly Regex _regex;

    private GlobPattern(string pattern, bool matchesNameOnly, Regex regex)
    {
        Pattern = pattern;
        MatchesNameOnly = matchesNameOnly;
        _regex = regex;
    }

    /// <summary>The glob as given.</summary>
    public string Pattern { get; }

    /// <summary>True when the glob has no '/' and so matches file names at any depth.</summary>
    public bool MatchesNameOnly { get; }

    /// <summary>Parses a glob.</summary>
    /// <param name="pattern">The glob.</param>
    /// <returns>The matcher.</returns>
    /// <exception cref="ToolException">The glob is malformed.</exception>
    public static GlobPattern Parse(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var trimmed = pattern.Trim();
        if (trimmed.StartsWith("./", StringComparison.Ordinal))
        {
            trimmed = trimmed[2..];
        }

        trimmed = trimmed.TrimStart('/');
        if (trimmed.Length == 0)
        {
            throw new ToolException("glob is empty; pass a pattern such as '*.cs' or 'src/**/*.json', or leave it out.");
        }

        var nameOnly = !trimmed.Contains('/', StringComparison.Ordinal);
        var regex = new StringBuilder("^");
        var braces = 0;
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            switch (c)
            {
                case '*' when i + 1 < trimmed.Length && trimmed[i + 1] == '*':
                    var slash = i + 2 < trimmed.Length && trimmed[i + 2] == '/';
                    regex.Append(slash ? "(?:.*/)?" : ".*");
                    i += slash ? 2 : 1;
                    break;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '[':
                    var close = trimmed.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        throw new ToolException($"glob '{pattern}' has a '[' without its ']'.");
                    }

                    var set = trimmed[(i + 1)..close];
                    regex.Append('[').Append(set.StartsWith('!') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                    i = close;
                    break;
                case '{':
                    braces++;
                    regex.Append("(?:");
                    break;
                case '}' when braces > 0:
                    braces--;
                    regex.Append(')');
                    break;
                case ',' when braces > 0:
                    regex.Append('|');
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        if (braces != 0)
        {
            throw new ToolException($"glob '{pattern}' has a '{{' without its '}}'.");
        }

        regex.Append('$');
        return new GlobPattern(pattern, nameOnly, new Regex(regex.ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
    }

    /// <summary>Tests a file.</summary>
    /// <param name="relativePath">The path relative to the repository root.</param>
    /// <param name="folder">The searched folder relative to the root ('.' for the root).</param>
    /// <returns>Whether the file matches.</returns>
    public bool IsMatch(string relativePath, string folder)
    {
        if (MatchesNameOnly)
        {
            return _regex.IsMatch(relativePath[(relativePath.LastIndexOf('/') + 1)..]);
        }

        if (_regex.IsMatch(relativePath))
        {
            return true;
        }

        return folder != "." && relativePath.StartsWith(folder + "/", StringComparison.Ordinal)
            && _regex.IsMatch(relativePath[(folder.Length + 1)..]);
    }
}
