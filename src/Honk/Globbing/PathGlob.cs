using System.Text;
using System.Text.RegularExpressions;

namespace Honk.Globbing;

/// <summary>
/// Honk's one path glob, relative to a repository root with <c>/</c> separators: <c>**</c> any folders, <c>*</c> and
/// <c>?</c> within one name, <c>{a,b}</c> alternatives, <c>[abc]</c> and <c>[!abc]</c> character classes.
/// Case-sensitive, like git on Linux (<see cref="ParseIgnoringCase"/> where a tool's own lookup is not). Used by the guards' scopes, the tools' <c>glob</c> arguments and the validators.
/// </summary>
/// <remarks>
/// Microsoft.Extensions.FileSystemGlobbing was considered and not used: it has no <c>?</c>, <c>[...]</c> or
/// <c>{a,b}</c>, which task files and the tools' callers rely on (docs/decisions/0016-git-layer.md).
/// </remarks>
public sealed class PathGlob
{
    // Ordinary globs are answered by the backtracking engine at once, and it costs a cold process little; a glob is
    // the model's (list_files) or a repository's text, though, and `*a*a*…*b` against a long name made it backtrack
    // past any timeout (the call failed after 1 s). Past a short budget a glob is matched by the non-backtracking
    // engine instead (linear in the path, same answers; built only then: its first use costs ~80 ms of JIT, ADR 0039).
    private static readonly TimeSpan BacktrackingBudget = TimeSpan.FromMilliseconds(50);

    private readonly Regex _exact;
    private readonly Regex _orBelow;
    private Regex? _linearExact;
    private Regex? _linearOrBelow;

    private PathGlob(string pattern, string body, bool ignoreCase = false)
    {
        Pattern = pattern;
        var options = RegexOptions.CultureInvariant | RegexOptions.Singleline | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
        _exact = new Regex("^" + body + "$", options, BacktrackingBudget);
        _orBelow = new Regex("^" + body + "(?:/.*)?$", options, BacktrackingBudget);
    }

    /// <summary>The pattern, normalized (<c>/</c> separators, no leading <c>./</c> or <c>/</c>, no trailing <c>/</c>).</summary>
    public string Pattern { get; }

    /// <summary>True when the pattern has no <c>/</c>: callers that match names at any depth (like .gitignore) test the file name only.</summary>
    public bool HasNoFolder => !Pattern.Contains('/', StringComparison.Ordinal);

    /// <summary>Parses a glob strictly.</summary>
    /// <param name="pattern">The glob.</param>
    /// <returns>The matcher.</returns>
    /// <exception cref="FormatException">The glob is empty, or a <c>[</c> or <c>{</c> is not closed.</exception>
    public static PathGlob Parse(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var normalized = NormalizePattern(pattern);
        if (normalized.Length == 0)
        {
            throw new FormatException($"glob '{pattern}' is empty.");
        }

        return new PathGlob(normalized, ToRegex(normalized, pattern, strict: true));
    }

    /// <summary>Parses a glob strictly, matching without regard to case (file names that tools spell either way, like <c>NuGet.Config</c>).</summary>
    /// <param name="pattern">The glob.</param>
    /// <returns>The matcher.</returns>
    /// <exception cref="FormatException">The glob is empty, or a <c>[</c> or <c>{</c> is not closed.</exception>
    public static PathGlob ParseIgnoringCase(string pattern)
    {
        var glob = Parse(pattern);
        return new PathGlob(glob.Pattern, ToRegex(glob.Pattern, pattern, strict: true), ignoreCase: true);
    }

    /// <summary>
    /// Parses a glob forgivingly, for configuration written by people: a <c>[</c> without <c>]</c> is a literal
    /// character and an unclosed <c>{</c> is closed at the end. An empty pattern matches only the root.
    /// </summary>
    /// <param name="pattern">The glob.</param>
    /// <returns>The matcher.</returns>
    public static PathGlob ParseLenient(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var normalized = NormalizePattern(pattern);
        return new PathGlob(normalized, ToRegex(normalized, pattern, strict: false));
    }

    /// <summary>A path in the form globs match: <c>/</c> separators, trimmed, no leading <c>./</c> or <c>/</c>.</summary>
    /// <param name="path">A repository-relative path.</param>
    /// <returns>The normalized path.</returns>
    public static string NormalizePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var normalized = path.Replace('\\', '/').Trim();
        while (normalized.StartsWith("./", StringComparison.Ordinal))
        {
            normalized = normalized[2..];
        }

        return normalized.TrimStart('/');
    }

    /// <summary>Whether the whole path matches.</summary>
    /// <param name="path">A repository-relative path (normalized here).</param>
    /// <returns>True on a match.</returns>
    public bool IsMatch(string path) => Match(_exact, ref _linearExact, NormalizePath(path));

    /// <summary>Whether the path matches or lies below a folder that matches (so <c>src/Orders</c> or <c>src/*</c> covers the files inside).</summary>
    /// <param name="path">A repository-relative path (normalized here).</param>
    /// <returns>True on a match.</returns>
    public bool IsMatchOrBelow(string path) => Match(_orBelow, ref _linearOrBelow, NormalizePath(path));

    private static bool Match(Regex backtracking, ref Regex? linear, string path)
    {
        if (linear is null)
        {
            try
            {
                return backtracking.IsMatch(path);
            }
            catch (RegexMatchTimeoutException)
            {
                // The same pattern and options, on the engine that cannot backtrack.
                linear = new Regex(backtracking.ToString(), backtracking.Options | RegexOptions.NonBacktracking);
            }
        }

        return linear.IsMatch(path);
    }

    private static string NormalizePattern(string pattern)
    {
        var normalized = NormalizePath(pattern);
        return normalized.EndsWith('/') ? normalized.TrimEnd('/') : normalized;
    }

    private static string ToRegex(string pattern, string original, bool strict)
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
                        // "**/" matches zero or more whole folders.
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
                        if (strict)
                        {
                            throw new FormatException($"glob '{original}' has a '[' without its ']'.");
                        }

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

        if (braces != 0 && strict)
        {
            throw new FormatException($"glob '{original}' has a '{{' without its '}}'.");
        }

        regex.Append(')', braces);
        return regex.ToString();
    }
}
