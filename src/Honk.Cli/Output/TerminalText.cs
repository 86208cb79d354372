using System.Globalization;
using System.Text;

namespace Honk.Cli.Output;

/// <summary>
/// Makes text from the repository, the model or a command safe to print on a person's terminal: control characters
/// (ESC and the rest of C0 and C1, DEL, a lone carriage return) and the bidirectional overrides are shown as
/// <c>\x1B</c>-style escapes instead of being sent, so a file name or a model's answer cannot retitle the window,
/// clear the screen, recolour or hide what follows, or reorder a line. Line feeds and tabs stay.
/// </summary>
internal static class TerminalText
{
    private static readonly Lazy<Transcripts.SecretRedactor> Redactor = new(Transcripts.SecretRedactor.CreateForNames);

    /// <summary>Redacted (a URL's password, a known secret's value) and escaped: for every line the CLI prints.</summary>
    public static string Printable(string? text) => Escape(Redact(text));

    /// <summary>Redacted only (for <c>--json</c> text, which JSON escapes itself); one redactor for the whole CLI process.</summary>
    public static string Redact(string? text) => Redactor.Value.Redact(text ?? string.Empty);

    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.Any(IsUnsafe))
        {
            return text ?? string.Empty;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (IsUnsafe(c))
            {
                builder.Append(c <= 0xFF ? string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}") : string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool IsUnsafe(char c) => c switch
    {
        '\n' or '\t' => false,
        < ' ' or '\x7F' => true,
        >= '\x80' and <= '\x9F' => true,

        // Bidirectional embeddings, overrides and isolates (the "Trojan Source" characters) and the marks.
        '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') => true,
        _ => false,
    };
}
