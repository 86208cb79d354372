namespace Honk.UnixFiles;

/// <summary>The type of a file-system entry, as <c>lstat</c> reports it.</summary>
internal enum UnixFileKind
{
    Regular,
    Directory,
    SymbolicLink,
    Fifo,
    Socket,
    CharacterDevice,
    BlockDevice,
    Unknown,
}
