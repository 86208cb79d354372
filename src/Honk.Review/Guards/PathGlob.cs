using System.Text;
using System.Text.RegularExpressions;

namespace Honk.Review;

/// <summary>
/// A path glob relative to the repository root: <c>**</c> any folders, <c>*</c> and <c>?</c> within one name,
/// <c>{a,b}</c> alternatives, <c>[abc]</c> character classes. A pattern also matches everything below a folder it
/// matches, so a plain folder (<c>src/Orders</c>) or <c>src/*</c> covers the files inside. Case-sensitive, like git on Linux.
/// </summary>
internal sealed class PathGlob
{
    private readonly Regex _regex;

    public PathGlob(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        Pattern = Normalize(pattern);
        _regex = new Regex("^" + ToRegex(Pattern) + "(?:/.*)?$", RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
    }

    /// <summary>The pattern, normalized ('/' separators, no leading <c>./</c> or <c>/</c>).</summary>
    public string Pattern { get; }

    public static string NormalizePath(string path)
    {
        var normalized = path.Replace('\\', '/').Trim();
        while (normalized.StartsWith("./", StringComparison.Ordinal))
        {
            normalized = normalized[2..];
        }

        return normalized.TrimStart('/');
    }

    public bool IsMatch(string path) => _regex.IsMatch(NormalizePath(path));

    private static string Normalize(string pattern)
    {
        var normalized = NormalizePath(pattern);
        return normalized.EndsWith('/') ? normalized.TrimEnd('/') : normalized;
    }

    private static string ToRegex(string pattern)
    {
        var regex = new StringBuilder();
        var braces = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*' when i + 1 < pattern.Length && pattern[i + 1] == '*':
                    var slashAfter = i + 2 < pattern.Length && pattern[i + 2] == '/';
                    var atSegmentStart = i == 0 || pattern[i - 1] == '/';
                    if (atSegmentStart && slashAfter)
                    {
                        regex.Append("(?:.*/)?");
                        i += 2;
                    }
                    else
                    {
                        regex.Append(".*");
                        i++;
                    }

                    break;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
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
                case '[':
                    var close = pattern.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        regex.Append(@"\[");
                        break;
                    }

                    var set = pattern[(i + 1)..close];
                    regex.Append('[').Append(set.StartsWith('!') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                    i = close;
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        regex.Append(')', braces);
        return regex.ToString();
    }
}
