namespace Honk.Tools;

/// <summary>What a tool intends to do with a path; writes are checked more strictly than reads.</summary>
public enum FenceAccess
{
    /// <summary>Read a file or list a folder.</summary>
    Read,

    /// <summary>Create, overwrite, rename or delete a file.</summary>
    Write,
}
