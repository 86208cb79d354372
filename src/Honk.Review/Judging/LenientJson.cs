using System.Text;
using System.Text.Json;

namespace Honk.Review;

/// <summary>
/// Reads the JSON-like objects models write: single quotes, unquoted keys and words, trailing commas, comments,
/// Python's <c>True</c>/<c>False</c>/<c>None</c>, typographic quotes.
/// </summary>
internal static class LenientJson
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 32,
    };

    /// <summary>Parses <paramref name="text"/>, first as JSON, then after repairing the usual slips.</summary>
    public static JsonDocument? TryParse(string text)
    {
        return TryParseStrict(text) ?? TryParseStrict(Repair(text));
    }

    /// <summary>Every balanced <c>{…}</c> region of a text, outermost first, in order (strings of either quote respected).</summary>
    public static IEnumerable<string> Objects(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf('{', i);
            if (open < 0)
            {
                yield break;
            }

            var close = MatchingBrace(text, open);
            if (close < 0)
            {
                i = open + 1;
                continue;
            }

            yield return text[open..(close + 1)];
            i = close + 1;
        }
    }

    private static JsonDocument? TryParseStrict(string text)
    {
        try
        {
            return JsonDocument.Parse(text, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int MatchingBrace(string text, int open)
    {
        var depth = 0;
        char? quote = null;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = null;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                case '\'' when i > 0 && !char.IsLetterOrDigit(text[i - 1]):
                    quote = c;
                    break;
                case '{':
                    depth++;
                    break;
                case '}':
                    depth--;
                    if (depth == 0)
                    {
                        return i;
                    }

                    break;
            }
        }

        return -1;
    }

    /// <summary>Rewrites the slips into strict JSON; strings in double quotes are copied untouched.</summary>
    internal static string Repair(string text)
    {
        var output = new StringBuilder(text.Length + 16);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"')
            {
                var end = StringEnd(text, i, '"');
                output.Append(text, i, end - i);
                i = end;
            }
            else if (c is '\'' or '\u201C' or '\u2018')
            {
                var closing = c == '\'' ? '\'' : c == '\u201C' ? '\u201D' : '\u2019';
                var end = StringEnd(text, i, closing);
                var inner = text[(i + 1)..Math.Max(i + 1, end - 1)];
                output.Append(JsonSerializer.Serialize(inner.Replace("\\'", "'", StringComparison.Ordinal)));
                i = end;
            }
            else if (c == '/' && i + 1 < text.Length && (text[i + 1] == '/' || text[i + 1] == '*'))
            {
                var end = text[i + 1] == '/' ? text.IndexOf('\n', i) : text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : text[i + 1] == '/' ? end : end + 2;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '-'))
                {
                    i++;
                }

                var word = text[start..i];
                output.Append(word switch
                {
                    "true" or "True" or "TRUE" or "yes" => "true",
                    "false" or "False" or "FALSE" or "no" => "false",
                    "null" or "None" or "undefined" => "null",
                    _ => JsonSerializer.Serialize(word),
                });
            }
            else
            {
                output.Append(c);
                i++;
            }
        }

        return output.ToString();
    }

    /// <summary>The index just past the string that opens at <paramref name="start"/>.</summary>
    private static int StringEnd(string text, int start, char closing)
    {
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == closing)
            {
                return i + 1;
            }
        }

        return text.Length;
    }
}
