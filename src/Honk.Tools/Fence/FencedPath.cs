namespace Honk.Tools;

/// <summary>A model-given path that passed the <see cref="WorkspaceFence"/>.</summary>
/// <param name="FullPath">The absolute path inside the workspace, with every symbolic link resolved.</param>
/// <param name="RelativePath">The path relative to the workspace root, '/' separated; <c>.</c> for the root itself.</param>
public sealed record FencedPath(string FullPath, string RelativePath)
{
    /// <summary>True when something existed at the path when it was resolved.</summary>
    public bool Exists { get; init; }

    /// <summary>True when a folder existed at the path when it was resolved.</summary>
    public bool IsDirectory { get; init; }

    /// <summary>True when the path is the workspace root.</summary>
    public bool IsRoot => RelativePath == ".";
}
