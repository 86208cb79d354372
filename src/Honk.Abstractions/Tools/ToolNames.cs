using System.Text;

namespace Honk;

/// <summary>
/// Names for tools that come from elsewhere (an MCP server's tools, a kernel plugin's functions): the source's name as a
/// prefix, so two sources never clash with each other or with Honk's own tools, in the form model APIs accept.
/// </summary>
public static class ToolNames
{
    /// <summary>The longest tool name model APIs accept.</summary>
    public const int MaxLength = 64;

    /// <summary>
    /// <paramref name="prefix"/>, <paramref name="separator"/> and <paramref name="name"/> joined, every character
    /// outside <c>[A-Za-z0-9_-]</c> replaced by <c>_</c>, cut to <see cref="MaxLength"/> characters.
    /// </summary>
    /// <param name="prefix">Where the tool comes from (a server or plugin name).</param>
    /// <param name="separator">Between the prefix and the name, e.g. <c>__</c>.</param>
    /// <param name="name">The tool's own name.</param>
    /// <returns>A name model APIs accept.</returns>
    public static string Qualified(string prefix, string separator, string name)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(separator);
        ArgumentNullException.ThrowIfNull(name);
        var qualified = new StringBuilder(prefix.Length + separator.Length + name.Length);
        foreach (var c in string.Concat(prefix, separator, name))
        {
            qualified.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_');
        }

        return qualified.Length <= MaxLength ? qualified.ToString() : qualified.ToString(0, MaxLength);
    }
}
