namespace Honk.Tools.Search;

/// <summary>
/// Keeps the first <c>capacity</c> matches in (path, line) order out of any number, in bounded memory, and counts
/// them all. Thread-safe, so back-ends may search files in parallel.
/// </summary>
internal sealed class MatchCollector
{
    private readonly int _capacity;
    private readonly int _maxLineLength;
    private readonly PriorityQueue<SearchMatch, SearchMatch> _largestFirst;
    private readonly Lock _lock = new();

    public MatchCollector(int capacity, int maxLineLength)
    {
        _capacity = capacity;
        _maxLineLength = maxLineLength;
        _largestFirst = new PriorityQueue<SearchMatch, SearchMatch>(capacity + 1, Comparer<SearchMatch>.Create((a, b) => b.CompareTo(a)));
    }

    /// <summary>How many matches were seen in all.</summary>
    public long Total { get; private set; }

    private const string CutMarker = " [...]";

    public void Add(string path, int line, string text)
    {
        text = text.TrimEnd('\r');
        if (text.Length > _maxLineLength)
        {
            text = string.Concat(text.AsSpan(0, _maxLineLength), CutMarker);
        }

        var match = new SearchMatch(path, line, text);
        lock (_lock)
        {
            Total++;
            if (_largestFirst.Count == _capacity && _largestFirst.Peek().CompareTo(match) <= 0)
            {
                return;
            }

            _largestFirst.Enqueue(match, match);
            if (_largestFirst.Count > _capacity)
            {
                _largestFirst.Dequeue();
            }
        }
    }

    /// <summary>The kept matches in order.</summary>
    /// <returns>The matches.</returns>
    public List<SearchMatch> ToSortedList()
    {
        var list = _largestFirst.UnorderedItems.Select(i => i.Element).ToList();
        list.Sort();
        return list;
    }
}
