using Honk.Git;
using Honk.UnixFiles;

namespace Honk.Sessions;

/// <summary>
/// A session that left a FIFO, a socket or a device where git expects a file cannot be recorded: git refuses to stage
/// it. The session then ends with a message that names the file and what to do, not "Internal error: GitException"
/// (ADR 0039). Nothing opens the file on the way: git and the workspace's tools only <c>lstat</c> it.
/// </summary>
internal static class UnsupportedFileOutcome
{
    /// <summary>The failure message for <paramref name="exception"/>, or <see langword="null"/> when git failed for another reason.</summary>
    /// <param name="exception">What ended the session.</param>
    /// <param name="workspaceRoot">The workspace's root, to say what kind of file it is.</param>
    /// <returns>The message, or <see langword="null"/>.</returns>
    public static string? Describe(Exception exception, string? workspaceRoot)
    {
        if (exception is not GitException { UnsupportedFile: { } path })
        {
            return null;
        }

        var kind = workspaceRoot is null ? null : UnixFileStatus.TryGet(Path.Combine(workspaceRoot, path))?.Kind;
        var what = kind switch
        {
            UnixFileKind.Fifo => "a named pipe (FIFO)",
            UnixFileKind.Socket => "a socket",
            UnixFileKind.CharacterDevice or UnixFileKind.BlockDevice => "a device",
            _ => "not a regular file",
        };
        return $"The change cannot be recorded: '{path}' is {what}, and git commits only regular files, symbolic links "
            + "and folders. Nothing was committed. Make it a regular file again (or delete it) and run the task again.";
    }
}
