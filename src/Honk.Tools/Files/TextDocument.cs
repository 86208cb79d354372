using System.Text;

namespace Honk.Tools.Files;

/// <summary>
/// A text file as the editing tools see it: the text with '\n' line endings, plus what is needed to write it back
/// byte-for-byte in the file's own style (encoding, byte-order mark, CRLF or LF).
/// </summary>
internal sealed class TextDocument
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private TextDocument(string text, Encoding encoding, byte[] preamble, bool crlf)
    {
        Text = text;
        Encoding = encoding;
        Preamble = preamble;
        UsesCrlf = crlf;
    }

    /// <summary>The content with '\n' line endings when the file uses CRLF throughout; otherwise as stored.</summary>
    public string Text { get; }

    /// <summary>The encoding the file is written back in.</summary>
    public Encoding Encoding { get; }

    /// <summary>The byte-order mark the file started with (empty when none).</summary>
    public byte[] Preamble { get; }

    /// <summary>True when every line ending in the file is CRLF; <see cref="Text"/> then holds LF and saving maps back.</summary>
    public bool UsesCrlf { get; }

    /// <summary>A new file: UTF-8 without BOM, LF.</summary>
    /// <param name="text">The content.</param>
    /// <returns>The document.</returns>
    public static TextDocument CreateNew(string text) => new(text, StrictUtf8, [], crlf: false);

    /// <summary>Decodes bytes; <see langword="null"/> when they look binary.</summary>
    /// <param name="bytes">The file's bytes.</param>
    /// <returns>The document, or <see langword="null"/> for a binary file.</returns>
    public static TextDocument? TryDecode(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Encoding encoding;
        byte[] preamble;
        if (bytes is [0xEF, 0xBB, 0xBF, ..])
        {
            (encoding, preamble) = (new UTF8Encoding(true), bytes[..3]);
        }
        else if (bytes is [0xFF, 0xFE, ..])
        {
            (encoding, preamble) = (new UnicodeEncoding(bigEndian: false, byteOrderMark: true), bytes[..2]);
        }
        else if (bytes is [0xFE, 0xFF, ..])
        {
            (encoding, preamble) = (new UnicodeEncoding(bigEndian: true, byteOrderMark: true), bytes[..2]);
        }
        else if (LooksBinary(bytes))
        {
            return null;
        }
        else
        {
            (encoding, preamble) = (StrictUtf8, []);
        }

        string raw;
        try
        {
            raw = encoding is UTF8Encoding && preamble.Length == 0
                ? StrictUtf8.GetString(bytes)
                : encoding.GetString(bytes, preamble.Length, bytes.Length - preamble.Length);
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: Latin-1 maps every byte to one char and back, so an edit never corrupts the rest of the file.
            encoding = Encoding.Latin1;
            raw = encoding.GetString(bytes);
        }

        var crlf = raw.Contains("\r\n", StringComparison.Ordinal) && !HasBareLf(raw);
        return new TextDocument(crlf ? raw.Replace("\r\n", "\n", StringComparison.Ordinal) : raw, encoding, preamble, crlf);
    }

    /// <summary>True when the first 8 KB hold a NUL byte, the test git and ripgrep use.</summary>
    /// <param name="bytes">The file's bytes.</param>
    /// <returns>Whether the file is binary.</returns>
    public static bool LooksBinary(ReadOnlySpan<byte> bytes) => bytes[..Math.Min(bytes.Length, 8000)].Contains((byte)0);

    /// <summary>Returns a document with other text in this file's style.</summary>
    /// <param name="text">The new content, '\n' line endings.</param>
    /// <returns>The document.</returns>
    public TextDocument WithText(string text) => new(text, Encoding, Preamble, UsesCrlf);

    /// <summary>Encodes the document in the file's own style.</summary>
    /// <returns>The bytes to write.</returns>
    public byte[] Encode()
    {
        var text = UsesCrlf ? Text.Replace("\n", "\r\n", StringComparison.Ordinal) : Text;
        var body = Encoding.GetBytes(text);
        return [.. Preamble, .. body];
    }

    /// <summary>Splits text into lines without their endings; a final newline does not start another line.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The lines.</returns>
    public static string[] SplitLines(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        var lines = text.Split('\n');
        if (text.EndsWith('\n'))
        {
            lines = lines[..^1];
        }

        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].EndsWith('\r'))
            {
                lines[i] = lines[i][..^1];
            }
        }

        return lines;
    }

    private static bool HasBareLf(string text)
    {
        for (var i = text.IndexOf('\n', StringComparison.Ordinal); i >= 0; i = text.IndexOf('\n', i + 1))
        {
            if (i == 0 || text[i - 1] != '\r')
            {
                return true;
            }
        }

        return false;
    }
}
