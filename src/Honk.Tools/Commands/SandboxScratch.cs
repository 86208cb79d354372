namespace Honk.Tools;

/// <summary>
/// A private host folder (0700) of this process with the small files every sandbox binds: an empty file that hides
/// secret files, the sandbox's own <c>passwd</c> and <c>group</c> (so the unprivileged sandbox user has a home), and
/// bubblewrap's per-command status files. Removed when the process exits.
/// </summary>
internal static class SandboxScratch
{
    /// <summary>The sandbox user and group: the overflow id, never root.</summary>
    public const int SandboxUserId = 65534;

    private static readonly Lazy<string> Folder = new(Create);

    /// <summary>An empty, read-only file bound over secret files.</summary>
    public static string EmptyFile => Path.Combine(Folder.Value, "empty");

    /// <summary>The sandbox's <c>/etc/passwd</c>.</summary>
    public static string PasswdFile => Path.Combine(Folder.Value, "passwd");

    /// <summary>The sandbox's <c>/etc/group</c>.</summary>
    public static string GroupFile => Path.Combine(Folder.Value, "group");

    /// <summary>A fresh path for one command's bubblewrap status (not created).</summary>
    /// <returns>The path.</returns>
    public static string NewStatusFile() => Path.Combine(Folder.Value, "status-" + Guid.NewGuid().ToString("N"));

    private static string Create()
    {
        var folder = Directory.CreateTempSubdirectory("honk-sandbox-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var readable = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        WriteReadOnly(Path.Combine(folder, "empty"), "", readable);
        WriteReadOnly(Path.Combine(folder, "passwd"),
            $"root:x:0:0:root:/root:/usr/sbin/nologin\nnobody:x:{SandboxUserId}:{SandboxUserId}:Honk sandbox:{BubblewrapArguments.SandboxHome}:/bin/sh\n", readable);
        WriteReadOnly(Path.Combine(folder, "group"), $"root:x:0:\nnogroup:x:{SandboxUserId}:\n", readable);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(folder);
        return folder;
    }

    private static void WriteReadOnly(string path, string content, UnixFileMode mode)
    {
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover folder of a few bytes is harmless.
        }
    }
}
