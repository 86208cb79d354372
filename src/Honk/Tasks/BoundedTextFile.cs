using System.Text;
using Honk.UnixFiles;

namespace Honk.Tasks;

/// <summary>
/// Reads a text file a person named (a task file, a campaign file, a list of targets), at most a limit: <c>/dev/zero</c>
/// or a multi-gigabyte file must not hang the command or exhaust its memory before the parser can say the file is too
/// long, and a named pipe or a socket, which can block forever before giving a byte, is refused. Memory grows with what
/// is read, not with the limit.
/// </summary>
public static class BoundedTextFile
{
    private const int Chunk = 64 * 1024;

    /// <summary>Reads up to <paramref name="maxCharacters"/> + 1 characters, so a caller can tell a file past the limit.</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxCharacters">The most characters the caller accepts.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The text, possibly cut one character past the limit.</returns>
    /// <exception cref="TaskFileException">The path names a named pipe (FIFO) or a socket.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static async Task<string> ReadAsync(string path, int maxCharacters, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCharacters);
        RefuseSpecialFile(path);
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        var text = new StringBuilder();
        var buffer = new char[Math.Min(Chunk, maxCharacters + 1)];
        int read;
        while (text.Length <= maxCharacters
            && (read = await reader.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, maxCharacters + 1 - text.Length)), cancellationToken).ConfigureAwait(false)) > 0)
        {
            text.Append(buffer, 0, read);
        }

        return text.ToString();
    }

    /// <summary>The synchronous form, for parsers that read a file a field names (a campaign's <c>targets_file</c>).</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxCharacters">The most characters the caller accepts.</param>
    /// <returns>The text, possibly cut one character past the limit.</returns>
    /// <exception cref="TaskFileException">The path names a named pipe (FIFO) or a socket.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static string Read(string path, int maxCharacters)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCharacters);
        RefuseSpecialFile(path);
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        var text = new StringBuilder();
        var buffer = new char[Math.Min(Chunk, maxCharacters + 1)];
        int read;
        while (text.Length <= maxCharacters && (read = reader.Read(buffer.AsSpan(0, Math.Min(buffer.Length, maxCharacters + 1 - text.Length)))) > 0)
        {
            text.Append(buffer, 0, read);
        }

        return text.ToString();
    }

    /// <summary>
    /// Opening a named pipe waits for a writer, and a socket cannot be opened as a file: both are refused before the
    /// open. Devices stay readable within the limit (<c>/dev/zero</c> ends in "too long").
    /// </summary>
    private static void RefuseSpecialFile(string path)
    {
        var full = Path.GetFullPath(path);
        var target = File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
        var what = UnixFileStatus.TryGet(target)?.Kind switch
        {
            UnixFileKind.Fifo => "a named pipe (FIFO)",
            UnixFileKind.Socket => "a socket",
            _ => null,
        };
        if (what is not null)
        {
            throw new TaskFileException($"'{path}' is {what}, not a regular file: reading it could wait forever. Save the text to a file and name that file.");
        }
    }
}
