using System.Text;

namespace Honk.Campaigns;

/// <summary>
/// Reads a text file the user named, at most a limit: <c>/dev/zero</c> or a multi-gigabyte file must not hang the
/// command or exhaust its memory before the parser can say the file is too long. Memory grows with what is read,
/// not with the limit.
/// </summary>
internal static class BoundedText
{
    private const int Chunk = 64 * 1024;

    /// <summary>Reads up to <paramref name="maxCharacters"/> + 1 characters, so a caller can tell a file past the limit.</summary>
    public static async Task<string> ReadAsync(string path, int maxCharacters, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        var text = new StringBuilder();
        var buffer = new char[Chunk];
        int read;
        while (text.Length <= maxCharacters
            && (read = await reader.ReadAsync(buffer.AsMemory(0, Math.Min(Chunk, maxCharacters + 1 - text.Length)), cancellationToken).ConfigureAwait(false)) > 0)
        {
            text.Append(buffer, 0, read);
        }

        return text.ToString();
    }

    /// <summary>The synchronous form, for the parser's <c>targets_file</c>.</summary>
    public static string Read(string path, int maxCharacters)
    {
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        var text = new StringBuilder();
        var buffer = new char[Chunk];
        int read;
        while (text.Length <= maxCharacters && (read = reader.Read(buffer.AsSpan(0, Math.Min(Chunk, maxCharacters + 1 - text.Length)))) > 0)
        {
            text.Append(buffer, 0, read);
        }

        return text.ToString();
    }
}
