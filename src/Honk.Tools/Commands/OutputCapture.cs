using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Honk.Tools;

/// <summary>
/// Collects a process's output as lines in arrival order, in bounded memory: the first lines and the last lines are
/// kept and the middle is counted, because a model needs the command line's echo at the top and the failure at the
/// bottom, rarely the thousands of lines between. Lines from the middle that report a failure (<c>not ok</c>,
/// <c>FAIL</c>, <c>✖</c>, an error or assertion) are kept too, with the lines that follow them (a TAP block's
/// expected/actual, a stack's top), in the room of the head's second half: a test run of a thousand passing lines
/// names its failing tests even when they printed in the middle.
/// </summary>
internal sealed partial class OutputCapture
{
    /// <summary>How many lines after a failure line are kept with it.</summary>
    private const int FailureContextLines = 24;

    private readonly Lock _gate = new();
    private readonly int _headLines;
    private readonly int _minHeadLines;
    private readonly int _tailLines;
    private readonly int _maxLineLength;
    private readonly List<string> _head = [];
    private readonly Queue<string> _tail = new();
    private readonly List<MiddleEntry> _middle = [];
    private readonly Dictionary<int, PartialLine> _partial = [];
    private long _headTrimmed;
    private int _contextLeft;
    private bool _linesCut;

    /// <summary>Creates a capture.</summary>
    /// <param name="maxLines">The most lines kept (half from the start, half from the end; failure lines from the middle take up to half of the start's room).</param>
    /// <param name="maxLineLength">The longest line kept; longer lines are cut with a note.</param>
    public OutputCapture(int maxLines, int maxLineLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLines, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineLength, 16);
        _headLines = maxLines / 2;
        _minHeadLines = _headLines / 2;
        _tailLines = maxLines - _headLines;
        _maxLineLength = maxLineLength;
    }

    /// <summary>Called with each complete line of the process's output as it arrives (not the runner's own notes).</summary>
    public Action<string>? LineObserver { get; init; }

    /// <summary>True when lines were omitted or cut.</summary>
    public bool Truncated
    {
        get
        {
            lock (_gate)
            {
                return _headTrimmed > 0 || _middle.Any(e => e.Line is null) || _linesCut;
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

                var line = partial.Take(ref _linesCut);
                AddLine(line);
                LineObserver?.Invoke(line);
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
                var line = partial.Take(ref _linesCut);
                AddLine(line);
                LineObserver?.Invoke(line);
            }
        }
    }

    /// <summary>The captured text: head, the middle's failure lines between "N lines omitted" markers, tail.</summary>
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

            var first = true;
            foreach (var entry in _middle)
            {
                var omitted = entry.Omitted + (first ? _headTrimmed : 0);
                if (first && _headTrimmed > 0 && entry.Line is not null)
                {
                    AppendOmitted(text, _headTrimmed);
                }

                first = false;
                if (entry.Line is { } line)
                {
                    text.Append(line).Append('\n');
                }
                else
                {
                    AppendOmitted(text, omitted);
                }
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

    private static void AppendOmitted(StringBuilder text, long count)
        => text.Append(CultureInfo.InvariantCulture, $"[... {count} lines omitted ...]\n");

    private void AddLine(string line)
    {
        if (_head.Count < _headLines && _middle.Count == 0 && _headTrimmed == 0)
        {
            _head.Add(line);
            return;
        }

        _tail.Enqueue(line);
        if (_tail.Count > _tailLines)
        {
            LeaveTail(_tail.Dequeue());
        }
    }

    /// <summary>A line falls out of the tail into the middle: kept when it reports a failure (or follows one) and the head can make room.</summary>
    private void LeaveTail(string line)
    {
        if (Failure().IsMatch(line))
        {
            _contextLeft = FailureContextLines + 1;
        }

        if (_contextLeft > 0 && _head.Count > _minHeadLines)
        {
            _contextLeft--;

            // The head's last line joins the first omitted run: the total kept stays within the cap.
            _head.RemoveAt(_head.Count - 1);
            _headTrimmed++;
            _middle.Add(new MiddleEntry(line, 0));
            return;
        }

        _contextLeft = Math.Max(0, _contextLeft - 1);
        if (_middle.Count > 0 && _middle[^1].Line is null)
        {
            _middle[^1] = _middle[^1] with { Omitted = _middle[^1].Omitted + 1 };
        }
        else
        {
            _middle.Add(new MiddleEntry(null, 1));
        }
    }

    /// <summary>Lines that report a failing test or an error, across common runners (TAP, jest, mocha, ava, pytest, go, cargo, xunit, gcc).</summary>
    [GeneratedRegex(@"^\s*(not ok\b|FAIL|FAILED|---\s+FAIL|✖|✘|×|✕|\[\s*FAILED\s*\]|E\s{2,}|Error\b|[\w.]*(Error|Exception)\b:|AssertionError|thread '.*' panicked)|\berror( [A-Z]+\d+)?:|\b[1-9]\d* (tests? )?failed\b|\bFailed\b", RegexOptions.CultureInvariant)]
    private static partial Regex Failure();

    /// <summary>A kept line of the middle, or (Line null) a run of omitted lines.</summary>
    private readonly record struct MiddleEntry(string? Line, long Omitted);

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
