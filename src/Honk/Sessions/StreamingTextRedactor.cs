using System.Text;
using Honk.Transcripts;

namespace Honk.Sessions;

/// <summary>
/// Redacts a turn's streamed text. A delta on its own may hold half a secret, which no pattern recognises; so the
/// turn's text so far is redacted as a whole and only what lies more than <see cref="HoldBack"/> characters before
/// its end is shown; the rest is shown when the turn's text is complete (<see cref="Finish"/>). Together the shown
/// pieces are the turn's text redacted as a whole.
/// </summary>
internal sealed class StreamingTextRedactor(SecretRedactor redactor)
{
    /// <summary>Longer than any secret needs to be recognised by its start (a key prefix, a PEM header, a .env value).</summary>
    public const int HoldBack = 256;

    private readonly StringBuilder _text = new();
    private string _shown = "";
    private int _turn = -1;
    private bool _stopped;

    /// <summary>The redacted text that may be shown now, or <see langword="null"/> when all of it is held back.</summary>
    public string? Add(int turn, string delta)
    {
        if (turn != _turn)
        {
            Reset();
            _turn = turn;
        }

        _text.Append(delta);
        if (_stopped)
        {
            return null;
        }

        var redacted = redactor.Redact(_text.ToString());
        if (!redacted.StartsWith(_shown, StringComparison.Ordinal))
        {
            // A later character changed how earlier text redacts: show nothing more of this turn rather than guess.
            _stopped = true;
            return null;
        }

        var stable = redacted.Length - HoldBack;
        if (stable <= _shown.Length)
        {
            return null;
        }

        var piece = redacted[_shown.Length..stable];
        _shown = redacted[..stable];
        return piece;
    }

    /// <summary>Ends the turn's text: what is still held back, redacted with all the text before it.</summary>
    /// <returns>The turn and the rest of its text, or <see langword="null"/> when nothing is left to show.</returns>
    public (int Turn, string Text)? Finish()
    {
        (int, string)? rest = null;
        if (_turn >= 0 && !_stopped)
        {
            var redacted = redactor.Redact(_text.ToString());
            if (redacted.Length > _shown.Length && redacted.StartsWith(_shown, StringComparison.Ordinal))
            {
                rest = (_turn, redacted[_shown.Length..]);
            }
        }

        Reset();
        return rest;
    }

    /// <summary>Forgets the turn.</summary>
    public void Reset()
    {
        _text.Clear();
        _shown = "";
        _turn = -1;
        _stopped = false;
    }
}
