using System.Text.RegularExpressions;

namespace Honk.Transcripts;

/// <summary>One redaction pattern, compiled, that reports the spans it covers.</summary>
internal sealed class CompiledPattern
{
    private readonly Regex _regex;
    private readonly string _kind;
    private readonly int _secretGroup;

    public CompiledPattern(Regex regex, string kind)
    {
        _regex = regex;
        _kind = kind;
        _secretGroup = regex.GroupNumberFromName("secret");
    }

    public string Kind => _kind;

    public void Collect(string text, ref List<Redaction>? found)
    {
        if (_secretGroup < 0)
        {
            // The allocation-free path: most texts hold no secret at all.
            foreach (var match in _regex.EnumerateMatches(text))
            {
                (found ??= []).Add(new Redaction(match.Index, match.Length, _kind));
            }

            return;
        }

        for (var match = _regex.Match(text); match.Success; match = match.NextMatch())
        {
            var secret = match.Groups[_secretGroup];
            if (secret.Success && secret.Length > 0)
            {
                (found ??= []).Add(new Redaction(secret.Index, secret.Length, _kind));
            }
        }
    }
}
