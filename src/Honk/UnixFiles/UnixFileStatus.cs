using System.Runtime.InteropServices;

namespace Honk.UnixFiles;

/// <summary>
/// <c>lstat</c> without following the last link. .NET exposes neither the link count nor FIFO/socket/device types,
/// which the fence and the readers of task files need, so on Linux this calls <c>statx</c> (whose struct layout is the same on every architecture).
/// </summary>
/// <param name="Kind">The entry's type.</param>
/// <param name="LinkCount">The number of hard links to the inode.</param>
/// <param name="Size">The size in bytes.</param>
internal readonly partial record struct UnixFileStatus(UnixFileKind Kind, long LinkCount, long Size)
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;
    private const int ENoEnt = 2;
    private const int ENotDir = 20;
    private const int ENameTooLong = 36;
    private const int ELoop = 40;

    /// <summary>Reads an entry's status without following a final symbolic link.</summary>
    /// <param name="path">An absolute path.</param>
    /// <returns>The status, or <see langword="null"/> when nothing exists there.</returns>
    public static UnixFileStatus? TryGet(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return TryGetPortable(path);
        }

        if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, out var buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is ENoEnt or ENotDir or ENameTooLong or ELoop)
            {
                return null;
            }

            throw new IOException($"Cannot read the status of '{path}' (errno {errno}).");
        }

        var kind = (buffer.Mode & 0xF000) switch
        {
            0x8000 => UnixFileKind.Regular,
            0x4000 => UnixFileKind.Directory,
            0xA000 => UnixFileKind.SymbolicLink,
            0x1000 => UnixFileKind.Fifo,
            0xC000 => UnixFileKind.Socket,
            0x2000 => UnixFileKind.CharacterDevice,
            0x6000 => UnixFileKind.BlockDevice,
            _ => UnixFileKind.Unknown,
        };
        return new UnixFileStatus(kind, buffer.LinkCount, (long)buffer.Size);
    }

    private static UnixFileStatus? TryGetPortable(string path)
    {
        FileSystemInfo info = new FileInfo(path);
        if (!info.Exists)
        {
            info = new DirectoryInfo(path);
            if (!info.Exists && info.LinkTarget is null)
            {
                return null;
            }
        }

        var kind = info.LinkTarget is not null ? UnixFileKind.SymbolicLink
            : info is DirectoryInfo ? UnixFileKind.Directory
            : UnixFileKind.Regular;
        return new UnixFileStatus(kind, 1, info is FileInfo file ? file.Length : 0);
    }

    [LibraryImport("libc.so.6", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directoryFd, string path, int flags, uint mask, out StatxBuffer buffer);

    /// <summary>The fields of <c>struct statx</c> the fence reads; the kernel fills all 256 bytes.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(16)]
        public uint LinkCount;

        [FieldOffset(28)]
        public ushort Mode;

        [FieldOffset(40)]
        public ulong Size;
    }
}
