using System.Text;

namespace Honk.Tools;

/// <summary>
/// Splits a POSIX/bash command line into words and operators, the way the shell will, so every program it would
/// start can be checked. The text of each command substitution (<c>$(...)</c>, backticks, <c>&lt;(...)</c>, an
/// unquoted here-document's body) is handed to <c>onSubstitution</c> to be checked as a command line of its own.
/// </summary>
internal sealed class ShellTokenizer
{
    private static readonly string[] Operators =
        ["<<-", "<<<", "&>>", ";;&", "&&", "||", "|&", ";;", ";&", "<<", ">>", "<&", ">&", "<>", ">|", "&>", "|", "&", ";", "(", ")", "<", ">"];

    private readonly string _text;
    private readonly Action<string> _onSubstitution;
    private readonly List<ShellToken> _tokens = [];
    private readonly List<(string Delimiter, bool Quoted, bool StripTabs)> _pendingHereDocuments = [];
    private int _position;
    private bool _expectHereDocumentDelimiter;
    private bool _stripTabs;

    private ShellTokenizer(string text, Action<string> onSubstitution)
    {
        _text = text;
        _onSubstitution = onSubstitution;
    }

    /// <summary>Tokenizes a command line.</summary>
    /// <param name="text">The command line.</param>
    /// <param name="onSubstitution">Receives the text of every command substitution found.</param>
    /// <returns>The tokens.</returns>
    /// <exception cref="ToolException">The line is malformed (an unterminated quote or substitution).</exception>
    public static List<ShellToken> Tokenize(string text, Action<string> onSubstitution)
    {
        var tokenizer = new ShellTokenizer(text, onSubstitution);
        tokenizer.Run();
        return tokenizer._tokens;
    }

    private char Current => _text[_position];

    private char? Peek(int offset) => _position + offset < _text.Length ? _text[_position + offset] : null;

    private void Run()
    {
        while (_position < _text.Length)
        {
            var c = Current;
            if (c is ' ' or '\t' or '\r')
            {
                _position++;
            }
            else if (c == '\\' && Peek(1) == '\n')
            {
                _position += 2;
            }
            else if (c == '\n')
            {
                _tokens.Add(new ShellToken(null, "\n"));
                _position++;
                ReadHereDocumentBodies();
            }
            else if (c == '#')
            {
                while (_position < _text.Length && Current != '\n')
                {
                    _position++;
                }
            }
            else if ((c is '<' or '>') && Peek(1) == '(')
            {
                _position += 2;
                _onSubstitution(ReadBalanced());
                _tokens.Add(new ShellToken(new ShellWord("<(...)", IsDynamic: true), null));
            }
            else if (ReadOperator() is { } op)
            {
                _tokens.Add(new ShellToken(null, op));
                if (op is "<<" or "<<-")
                {
                    _expectHereDocumentDelimiter = true;
                    _stripTabs = op == "<<-";
                }
            }
            else
            {
                ReadWord();
            }
        }
    }

    private string? ReadOperator()
    {
        foreach (var op in Operators)
        {
            if (string.CompareOrdinal(_text, _position, op, 0, op.Length) == 0)
            {
                _position += op.Length;
                return op;
            }
        }

        return null;
    }

    private void ReadWord()
    {
        var text = new StringBuilder();
        var dynamic = false;
        var quoted = false;
        while (_position < _text.Length)
        {
            var c = Current;
            if (c is ' ' or '\t' or '\r' or '\n' or '|' or '&' or ';' or '(' or ')' or '<' or '>')
            {
                break;
            }

            switch (c)
            {
                case '\\':
                    quoted = true;
                    if (Peek(1) is { } escaped)
                    {
                        if (escaped != '\n')
                        {
                            text.Append(escaped);
                        }

                        _position += 2;
                    }
                    else
                    {
                        _position++;
                    }

                    break;
                case '\'':
                    quoted = true;
                    var end = _text.IndexOf('\'', _position + 1);
                    if (end < 0)
                    {
                        throw new ToolException("The command has an unterminated single quote (').");
                    }

                    text.Append(_text, _position + 1, end - _position - 1);
                    _position = end + 1;
                    break;
                case '"':
                    quoted = true;
                    _position++;
                    dynamic |= ReadDoubleQuoted(text);
                    break;
                case '`':
                    dynamic = true;
                    text.Append("`...`");
                    ReadBackquoted();
                    break;
                case '$':
                    dynamic |= ReadDollar(text);
                    break;
                default:
                    text.Append(c);
                    _position++;
                    break;
            }
        }

        var word = text.ToString();

        // "2>&1": a number glued to a redirection is a file descriptor, not a word.
        if (!quoted && word.Length > 0 && word.All(char.IsAsciiDigit) && _position < _text.Length && Current is '<' or '>')
        {
            return;
        }

        if (_expectHereDocumentDelimiter)
        {
            _expectHereDocumentDelimiter = false;
            _pendingHereDocuments.Add((word, quoted, _stripTabs));
        }

        _tokens.Add(new ShellToken(new ShellWord(word, dynamic, quoted), null));
    }

    /// <summary>Reads a double-quoted string (the opening quote consumed); returns true when it holds expansions.</summary>
    private bool ReadDoubleQuoted(StringBuilder text)
    {
        var dynamic = false;
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw new ToolException("The command has an unterminated double quote (\").");
            }

            var c = Current;
            if (c == '"')
            {
                _position++;
                return dynamic;
            }

            if (c == '\\' && Peek(1) is { } next && next is '$' or '`' or '"' or '\\' or '\n')
            {
                text.Append(next);
                _position += 2;
            }
            else if (c == '`')
            {
                dynamic = true;
                text.Append("`...`");
                ReadBackquoted();
            }
            else if (c == '$')
            {
                dynamic |= ReadDollar(text);
            }
            else
            {
                text.Append(c);
                _position++;
            }
        }
    }

    /// <summary>Reads what follows a '$'; returns true when it is an expansion.</summary>
    private bool ReadDollar(StringBuilder text)
    {
        var next = Peek(1);
        if (next == '(')
        {
            if (Peek(2) == '(')
            {
                _position += 3;
                var arithmetic = ReadBalanced(closers: 2);
                ScanForSubstitutions(arithmetic);
                text.Append("$((...))");
                return true;
            }

            _position += 2;
            _onSubstitution(ReadBalanced());
            text.Append("$(...)");
            return true;
        }

        if (next == '{')
        {
            var close = _text.IndexOf('}', _position + 2);
            if (close < 0)
            {
                throw new ToolException("The command has an unterminated ${...}.");
            }

            ScanForSubstitutions(_text[(_position + 2)..close]);
            text.Append(_text, _position, close - _position + 1);
            _position = close + 1;
            return true;
        }

        text.Append('$');
        _position++;
        return next is { } n && (char.IsAsciiLetterOrDigit(n) || n is '_' or '@' or '*' or '#' or '?' or '$' or '!' or '-');
    }

    private void ReadBackquoted()
    {
        var inner = new StringBuilder();
        _position++;
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw new ToolException("The command has an unterminated backquote (`).");
            }

            var c = Current;
            if (c == '`')
            {
                _position++;
                break;
            }

            if (c == '\\' && Peek(1) is { } next)
            {
                inner.Append(next is '`' or '\\' or '$' ? next.ToString() : "\\" + next);
                _position += 2;
                continue;
            }

            inner.Append(c);
            _position++;
        }

        _onSubstitution(inner.ToString());
    }

    /// <summary>Reads up to the ')' that closes an already opened '(' (or "))" for arithmetic), honouring quotes.</summary>
    private string ReadBalanced(int closers = 1)
    {
        var start = _position;
        var depth = closers;
        while (_position < _text.Length)
        {
            var c = Current;
            switch (c)
            {
                case '\\':
                    _position += 2;
                    continue;
                case '\'':
                    var end = _text.IndexOf('\'', _position + 1);
                    _position = end < 0 ? _text.Length : end + 1;
                    continue;
                case '"':
                    _position++;
                    while (_position < _text.Length && Current != '"')
                    {
                        _position += Current == '\\' ? 2 : 1;
                    }

                    _position++;
                    continue;
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    if (depth == 0)
                    {
                        var inner = _text[start..(_position + 1 - closers)];
                        _position++;
                        return inner;
                    }

                    break;
            }

            _position++;
        }

        throw new ToolException("The command has an unterminated $( ... ) or ( ... ).");
    }

    /// <summary>Finds command substitutions in text that the shell expands (here-documents, ${...}, arithmetic).</summary>
    private void ScanForSubstitutions(string text)
    {
        if (!text.Contains("$(", StringComparison.Ordinal) && !text.Contains('`', StringComparison.Ordinal))
        {
            return;
        }

        // Reading the text as if it were inside double quotes finds exactly the substitutions the shell would run.
        var scanner = new ShellTokenizer(text.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"", _onSubstitution);
        scanner.ReadDoubleQuoted(new StringBuilder());
    }

    private void ReadHereDocumentBodies()
    {
        foreach (var (delimiter, quoted, stripTabs) in _pendingHereDocuments)
        {
            var body = new StringBuilder();
            while (_position < _text.Length)
            {
                var lineEnd = _text.IndexOf('\n', _position);
                var line = lineEnd < 0 ? _text[_position..] : _text[_position..lineEnd];
                _position = lineEnd < 0 ? _text.Length : lineEnd + 1;
                if ((stripTabs ? line.TrimStart('\t') : line) == delimiter)
                {
                    break;
                }

                body.Append(line).Append('\n');
            }

            if (!quoted)
            {
                ScanForSubstitutions(body.ToString());
            }
        }

        _pendingHereDocuments.Clear();
    }
}
