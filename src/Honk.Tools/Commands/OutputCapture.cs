using System.Globalization;
using System.Text;

namespace Honk.Tools;

/// <summary>
/// Collects a process's output as lines in arrival order, in bounded memory: the first lines and the last lines are
/// kept and the middle is counted, because a model needs the command line's echo at the top and the failure at the
/// bottom, rarely the thousands of lines between.
/// </summary>
internal sealed class OutputCapture
{
    private readonly Lock _gate = new();
    private readonly int _headLines;
    private readonly int _tailLines;
    private readonly int _maxLineLength;
    private readonly List<string> _head = [];
    private readonly Queue<string> _tail = new();
    private readonly Dictionary<int, PartialLine> _partial = [];
    private long _omitted;
    private bool _linesCut;

    /// <summary>Creates a capture.</summary>
    /// <param name="maxLines">The most lines kept (half from the start, half from the end).</param>
    /// <param name="maxLineLength">The longest line kept; longer lines are cut with a note.</param>
    public OutputCapture(int maxLines, int maxLineLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLines, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineLength, 16);
        _headLines = maxLines / 2;
        _tailLines = maxLines - _headLines;
        _maxLineLength = maxLineLength;
    }

    /// <summary>True when lines were omitted or cut.</summary>
    public bool Truncated
    {
        get
        {
            lock (_gate)
            {
                return _omitted > 0 || _linesCut;
            }
        }
    }

    /// <summary>Adds one complete line (a note of the runner's own).</summary>
    /// <param name="line">The line, without a line break.</param>
    public void AppendLine(string line)
    {
        lock (_gate)
        {
            AddLine(line);
        }
    }

    /// <summary>Adds a chunk of one source's output; each source keeps its own unfinished line.</summary>
    /// <param name="source">An id of the stream (stdout, stderr) the chunk came from.</param>
    /// <param name="chunk">The characters read.</param>
    public void Append(int source, ReadOnlySpan<char> chunk)
    {
        lock (_gate)
        {
            if (!_partial.TryGetValue(source, out var partial))
            {
                partial = new PartialLine();
                _partial[source] = partial;
            }

            while (!chunk.IsEmpty)
            {
                var newline = chunk.IndexOf('\n');
                var piece = newline < 0 ? chunk : chunk[..newline];
                partial.Add(piece, _maxLineLength);
                if (newline < 0)
                {
                    break;
                }

                AddLine(partial.Take(ref _linesCut));
                chunk = chunk[(newline + 1)..];
            }
        }
    }

    /// <summary>Ends one source: its unfinished line, if any, becomes a line.</summary>
    /// <param name="source">The stream's id.</param>
    public void Complete(int source)
    {
        lock (_gate)
        {
            if (_partial.Remove(source, out var partial) && !partial.IsEmpty)
            {
                AddLine(partial.Take(ref _linesCut));
            }
        }
    }

    /// <summary>The captured text: head, an "N lines omitted" marker when needed, tail.</summary>
    /// <returns>The text, lines joined with '\n'.</returns>
    public override string ToString()
    {
        lock (_gate)
        {
            var text = new StringBuilder();
            foreach (var line in _head)
            {
                text.Append(line).Append('\n');
            }

            if (_omitted > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"[... {_omitted} lines omitted ...]\n");
            }

            foreach (var line in _tail)
            {
                text.Append(line).Append('\n');
            }

            foreach (var partial in _partial.Values.Where(p => !p.IsEmpty))
            {
                text.Append(partial.Peek()).Append('\n');
            }

            return text.ToString().TrimEnd('\n');
        }
    }

    private void AddLine(string line)
    {
        if (_head.Count < _headLines)
        {
            _head.Add(line);
            return;
        }

        _tail.Enqueue(line);
        if (_tail.Count > _tailLines)
        {
            _tail.Dequeue();
            _omitted++;
        }
    }

    private sealed class PartialLine
    {
        private readonly StringBuilder _text = new();
        private long _dropped;

        public bool IsEmpty => _text.Length == 0 && _dropped == 0;

        public void Add(ReadOnlySpan<char> piece, int maxLength)
        {
            var room = Math.Max(0, maxLength - _text.Length);
            var kept = Math.Min(room, piece.Length);
            _text.Append(piece[..kept]);
            _dropped += piece.Length - kept;
        }

        public string Peek()
        {
            var line = _text.ToString().TrimEnd('\r');
            return _dropped == 0 ? line : string.Create(CultureInfo.InvariantCulture, $"{line} [... {_dropped} more characters cut]");
        }

        public string Take(ref bool linesCut)
        {
            var line = Peek();
            linesCut |= _dropped > 0;
            _text.Clear();
            _dropped = 0;
            return line;
        }
    }
}
