using System.Buffers;

namespace Honk.Transcripts;

/// <summary>Finds known secret strings (leftmost, then longest) with one vectorized multi-string search.</summary>
internal sealed class LiteralMatcher
{
    private readonly (string Value, string Kind)[] _literals;
    private readonly SearchValues<string>? _search;

    public LiteralMatcher(IEnumerable<(string Value, string Kind)> literals)
    {
        // Longest first so that of two literals starting at the same place the longer one is replaced whole.
        _literals = [.. literals
            .Where(l => !string.IsNullOrEmpty(l.Value))
            .DistinctBy(l => l.Value, StringComparer.Ordinal)
            .OrderByDescending(l => l.Value.Length)];
        _search = _literals.Length == 0 ? null : SearchValues.Create([.. _literals.Select(l => l.Value)], StringComparison.Ordinal);
    }

    public int Count => _literals.Length;

    /// <summary>The literals and their kinds, longest first.</summary>
    public IReadOnlyList<(string Value, string Kind)> Literals => _literals;

    /// <summary>Adds every occurrence (leftmost, then longest, not overlapping each other) to <paramref name="found"/>.</summary>
    public void Collect(string text, ref List<Redaction>? found)
    {
        if (_search is null)
        {
            return;
        }

        var span = text.AsSpan();
        var position = 0;
        int index;
        while ((index = span[position..].IndexOfAny(_search)) >= 0)
        {
            var start = position + index;
            var (value, kind) = Find(span[start..]);
            (found ??= []).Add(new Redaction(start, value.Length, kind));
            position = start + value.Length;
        }
    }

    private (string Value, string Kind) Find(ReadOnlySpan<char> at)
    {
        foreach (var literal in _literals)
        {
            if (at.StartsWith(literal.Value, StringComparison.Ordinal))
            {
                return literal;
            }
        }

        throw new InvalidOperationException("SearchValues reported a match that no literal starts.");
    }
}
