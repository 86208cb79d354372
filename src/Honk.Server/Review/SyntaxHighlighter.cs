using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Honk.Server;

/// <summary>A small, language-agnostic highlighter: strings, comments, numbers and common keywords, HTML-encoded.</summary>
internal static partial class SyntaxHighlighter
{
    public static string Highlight(string line)
    {
        var html = new StringBuilder(line.Length + 32);
        var last = 0;
        foreach (Match m in Token().Matches(line))
        {
            html.Append(WebUtility.HtmlEncode(line[last..m.Index]));
            var css = m.Groups["c"].Success ? "c" : m.Groups["s"].Success ? "s" : m.Groups["n"].Success ? "n" : "k";
            html.Append("<span class=\"").Append(css).Append("\">").Append(WebUtility.HtmlEncode(m.Value)).Append("</span>");
            last = m.Index + m.Length;
        }

        html.Append(WebUtility.HtmlEncode(line[last..]));
        return html.ToString();
    }

    [GeneratedRegex(
        """(?<c>//.*$|#(?![a-z]*\s*(include|define|region|endregion|if|endif|pragma)\b).*$|/\*.*?(\*/|$)|--\s.*$)|(?<s>"(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?|`[^`]*`?)|(?<n>\b\d+(\.\d+)?\b)|(?<k>\b(abstract|async|await|bool|break|case|catch|class|const|continue|def|default|do|else|enum|export|extends|false|final|finally|fn|for|foreach|from|func|function|if|impl|import|in|int|interface|internal|let|mut|namespace|new|null|nil|None|override|package|private|protected|public|readonly|record|return|sealed|self|static|string|struct|switch|this|throw|true|True|False|try|type|using|var|void|while|yield)\b)""",
        RegexOptions.CultureInvariant,
        1000)]
    private static partial Regex Token();
}
