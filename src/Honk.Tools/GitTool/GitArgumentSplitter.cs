using System.Text;

namespace Honk.Tools;

/// <summary>
/// Splits the <c>git</c> tool's <c>args</c> string into words the way a shell would (quotes and backslashes), with
/// no expansions: nothing in it is ever run by a shell.
/// </summary>
internal static class GitArgumentSplitter
{
    private static readonly HashSet<string> ShellOperators = new(StringComparer.Ordinal) { "|", "||", "&&", ";", ">", ">>", "<", "&", "2>&1" };

    /// <summary>Splits the text.</summary>
    /// <param name="text">The arguments, e.g. <c>log --format='%h %s' -n 5</c>.</param>
    /// <returns>The words.</returns>
    /// <exception cref="ToolException">A quote is not closed, or the text uses pipes or redirections.</exception>
    public static List<string> Split(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        var quotedWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case ' ' or '\t' or '\n' or '\r':
                    if (inWord)
                    {
                        AddWord(words, current, quotedWord);
                        inWord = quotedWord = false;
                    }

                    break;
                case '\\' when i + 1 < text.Length:
                    current.Append(text[++i]);
                    inWord = quotedWord = true;
                    break;
                case '\'':
                    var end = text.IndexOf('\'', i + 1);
                    if (end < 0)
                    {
                        throw new ToolException("git: the arguments have an unterminated single quote (').");
                    }

                    current.Append(text, i + 1, end - i - 1);
                    i = end;
                    inWord = quotedWord = true;
                    break;
                case '"':
                    i++;
                    while (i < text.Length && text[i] != '"')
                    {
                        if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\')
                        {
                            i++;
                        }

                        current.Append(text[i++]);
                    }

                    if (i >= text.Length)
                    {
                        throw new ToolException("git: the arguments have an unterminated double quote (\").");
                    }

                    inWord = quotedWord = true;
                    break;
                default:
                    current.Append(c);
                    inWord = true;
                    break;
            }
        }

        if (inWord)
        {
            AddWord(words, current, quotedWord);
        }

        return words;
    }

    private static void AddWord(List<string> words, StringBuilder current, bool quoted)
    {
        var word = current.ToString();
        current.Clear();
        if (!quoted && ShellOperators.Contains(word))
        {
            throw new ToolException($"git: '{word}' is shell syntax, but the git tool passes its arguments straight to git (no shell): leave out pipes and redirections; long output is capped for you.");
        }

        words.Add(word);
    }
}
