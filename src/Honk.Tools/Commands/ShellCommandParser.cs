using System.Text.RegularExpressions;

namespace Honk.Tools;

/// <summary>
/// Finds every simple command a shell command line would run: the segments of pipelines and lists (<c>|</c>,
/// <c>&amp;&amp;</c>, <c>||</c>, <c>;</c>, <c>&amp;</c>, newlines, subshells) and, recursively, the commands inside
/// command substitutions. Keywords (<c>if</c>, <c>then</c>, <c>do</c> …), variable assignments and redirections are
/// skipped so that what remains first in each segment is the program.
/// </summary>
internal static partial class ShellCommandParser
{
    private const int MaxNesting = 8;

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "!", "{", "}", "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "time",
    };

    /// <summary>Parses a command line.</summary>
    /// <param name="commandLine">The command line.</param>
    /// <returns>Every simple command, in order of appearance (substitutions before the command that uses them).</returns>
    /// <exception cref="ToolException">The line is malformed or uses a construct that cannot be checked.</exception>
    public static IReadOnlyList<ShellCommand> Parse(string commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        var commands = new List<ShellCommand>();
        Parse(commandLine, commands, depth: 0);
        return commands;
    }

    private static void Parse(string commandLine, List<ShellCommand> commands, int depth)
    {
        if (depth > MaxNesting)
        {
            throw new ToolException("The command nests substitutions too deeply to be checked.");
        }

        var tokens = ShellTokenizer.Tokenize(commandLine, inner => Parse(inner, commands, depth + 1));
        var words = new List<ShellWord>();
        var expectTarget = false;
        foreach (var token in tokens)
        {
            if (token.Word is { } word)
            {
                if (expectTarget)
                {
                    expectTarget = false;
                }
                else
                {
                    words.Add(word);
                }

                continue;
            }

            if (token.IsRedirection)
            {
                expectTarget = true;
                continue;
            }

            Flush(words, commands);
        }

        Flush(words, commands);
    }

    private static void Flush(List<ShellWord> words, List<ShellCommand> commands)
    {
        var index = 0;
        while (index < words.Count)
        {
            var word = words[index];

            // An assignment's value may be quoted or expanded; its substitutions were already checked.
            if (IsAssignment(word.Text))
            {
                index++;
                continue;
            }

            if (word.IsDynamic || word.IsQuoted)
            {
                break;
            }

            if (Keywords.Contains(word.Text))
            {
                index++;
                continue;
            }

            switch (word.Text)
            {
                case "for" or "select":
                    // A loop header ("for f in *.cs"): its words are values, not a program; the body follows "do".
                    words.Clear();
                    return;
                case "case" or "esac" or "function" or "coproc":
                    throw new ToolException($"run_command cannot check '{word.Text}' constructs; write the commands out with if/then or separate lines.");
            }

            break;
        }

        if (index < words.Count)
        {
            commands.Add(new ShellCommand(words[index], words.Skip(index + 1).ToList()));
        }

        words.Clear();
    }

    private static bool IsAssignment(string text) => AssignmentPattern().IsMatch(text);

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=", RegexOptions.CultureInvariant)]
    private static partial Regex AssignmentPattern();
}
