using System.Text;
using Honk.UnixFiles;

namespace Honk.Tools;

/// <summary>
/// Resolves model-given paths against the workspace root and refuses every path that would reach outside it:
/// <c>..</c> escapes, absolute paths elsewhere, symbolic links (at any depth, in chains) that lead outside even for a
/// moment, special files (FIFOs, sockets, devices: they can block forever), NUL bytes and over-long paths. Writes are
/// also refused inside <c>.git</c> (in any letter case) and through a hard link whose inode has other links, which
/// may alias a file outside. Names are taken literally: look-alikes such as U+2024 or a fullwidth solidus are
/// ordinary characters, never separators.
/// </summary>
public sealed class WorkspaceFence
{
    /// <summary>The longest path accepted, in characters (Linux's PATH_MAX).</summary>
    public const int MaxPathLength = 4096;

    /// <summary>The longest path component accepted, in UTF-8 bytes (Linux's NAME_MAX).</summary>
    public const int MaxComponentBytes = 255;

    /// <summary>The most symbolic links followed while resolving one path (Linux's limit).</summary>
    public const int MaxSymbolicLinks = 40;

    private const string Advice = "use a path relative to the repository root";

    private readonly string[] _rootComponents;
    private readonly string[] _declaredRootComponents;

    /// <summary>Creates a fence over a workspace root.</summary>
    /// <param name="rootPath">The workspace root; it must exist. Symbolic links in it are resolved.</param>
    /// <exception cref="DirectoryNotFoundException">The root does not exist.</exception>
    public WorkspaceFence(string rootPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootPath);
        var declared = Path.GetFullPath(rootPath);
        _declaredRootComponents = SplitAbsolute(declared);
        _rootComponents = ResolveRealComponents(_declaredRootComponents)
            ?? throw new DirectoryNotFoundException($"The workspace root '{rootPath}' does not exist.");
        RootPath = Join(_rootComponents, []);
        if (UnixFileStatus.TryGet(RootPath) is not { Kind: UnixFileKind.Directory })
        {
            throw new DirectoryNotFoundException($"The workspace root '{rootPath}' is not a folder.");
        }
    }

    /// <summary>The workspace root with every symbolic link resolved.</summary>
    public string RootPath { get; }

    /// <summary>Resolves a path for reading.</summary>
    /// <param name="path">The model-given path; empty or <see langword="null"/> means the root.</param>
    /// <returns>The fenced path.</returns>
    /// <exception cref="ToolException">The path is refused; the message says why and what to do instead.</exception>
    public FencedPath ResolveForRead(string? path) => Resolve(path, FenceAccess.Read);

    /// <summary>Resolves a path for writing (create, overwrite, delete, rename).</summary>
    /// <param name="path">The model-given path.</param>
    /// <returns>The fenced path.</returns>
    /// <exception cref="ToolException">The path is refused; the message says why and what to do instead.</exception>
    public FencedPath ResolveForWrite(string? path) => Resolve(path, FenceAccess.Write);

    /// <summary>Resolves a model-given path, following every symbolic link inside the workspace.</summary>
    /// <param name="path">The model-given path; empty or <see langword="null"/> means the root.</param>
    /// <param name="access">What the tool will do with it.</param>
    /// <returns>The fenced path.</returns>
    /// <exception cref="ToolException">The path is refused; the message says why and what to do instead.</exception>
    public FencedPath Resolve(string? path, FenceAccess access)
    {
        path ??= "";
        var shown = Show(path);
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new ToolException($"path '{shown}' contains a NUL byte; {Advice}.");
        }

        if (path.Length > MaxPathLength)
        {
            throw new ToolException($"path '{shown}' is too long ({path.Length} characters; the limit is {MaxPathLength}).");
        }

        var components = path.Split('/');
        foreach (var component in components)
        {
            if (Encoding.UTF8.GetByteCount(component) > MaxComponentBytes)
            {
                throw new ToolException($"path '{shown}' has a name longer than {MaxComponentBytes} bytes ('{Show(component)}').");
            }
        }

        if (path.StartsWith('/'))
        {
            components = StripRoot(SplitAbsolute(path))
                ?? throw new ToolException($"path '{shown}' is outside the workspace; {Advice} (absolute paths are accepted only inside the workspace).");
        }

        var relative = Walk(components, shown);
        var full = Join(_rootComponents, relative);
        var relativeText = relative.Count == 0 ? "." : string.Join('/', relative);
        var status = UnixFileStatus.TryGet(full);
        CheckKind(status, relativeText);
        if (access == FenceAccess.Write)
        {
            CheckWritable(relative, relativeText, status);
        }

        return new FencedPath(full, relativeText)
        {
            Exists = status is not null,
            IsDirectory = status is { Kind: UnixFileKind.Directory },
        };
    }

    /// <summary>True when a relative path names something inside a <c>.git</c> folder (in any letter case).</summary>
    /// <param name="relativePath">A '/' separated path relative to the root.</param>
    /// <returns>Whether writes there are refused.</returns>
    public static bool IsInsideGitDirectory(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        return relativePath.Split('/').Any(IsGitName);
    }

    private List<string> Walk(IEnumerable<string> components, string shown)
    {
        var resolved = new List<string>();
        var pending = new Stack<string>(components.Reverse());
        var links = 0;
        while (pending.Count > 0)
        {
            var component = pending.Pop();
            if (component is "" or ".")
            {
                continue;
            }

            if (component == "..")
            {
                if (resolved.Count == 0)
                {
                    throw new ToolException($"path '{shown}' is outside the workspace; {Advice}.");
                }

                resolved.RemoveAt(resolved.Count - 1);
                continue;
            }

            resolved.Add(component);
            var full = Join(_rootComponents, resolved);
            if (UnixFileStatus.TryGet(full) is not { Kind: UnixFileKind.SymbolicLink })
            {
                continue;
            }

            if (++links > MaxSymbolicLinks)
            {
                throw new ToolException($"path '{shown}' goes through more than {MaxSymbolicLinks} symbolic links; {Advice}.");
            }

            var linkName = string.Join('/', resolved);
            var target = new FileInfo(full).LinkTarget ?? "";
            resolved.RemoveAt(resolved.Count - 1);
            IEnumerable<string> targetComponents = target.Split('/');
            if (target.StartsWith('/'))
            {
                targetComponents = StripRoot(SplitAbsolute(target))
                    ?? throw OutsideThroughLink(shown, linkName);
                resolved.Clear();
            }

            // The target is resolved relative to the link's folder; a '..' that climbs above the root is refused
            // even when a later component would come back in, because the outside part is not ours to trust.
            var depth = resolved.Count;
            foreach (var part in targetComponents)
            {
                depth = part switch { "" or "." => depth, ".." => depth - 1, _ => depth + 1 };
                if (depth < 0)
                {
                    throw OutsideThroughLink(shown, linkName);
                }
            }

            foreach (var part in targetComponents.Reverse())
            {
                pending.Push(part);
            }
        }

        return resolved;
    }

    private static ToolException OutsideThroughLink(string shown, string linkName)
        => new($"path '{shown}' is outside the workspace: '{linkName}' is a symbolic link that leads outside it; {Advice}.");

    private static void CheckKind(UnixFileStatus? status, string relative)
    {
        var what = status?.Kind switch
        {
            UnixFileKind.Fifo => "a named pipe (FIFO)",
            UnixFileKind.Socket => "a socket",
            UnixFileKind.CharacterDevice or UnixFileKind.BlockDevice => "a device",
            UnixFileKind.Unknown => "a special file",
            _ => null,
        };
        if (what is not null)
        {
            throw new ToolException($"'{Show(relative)}' is {what}; tools only read and write regular files and folders.");
        }
    }

    private static void CheckWritable(List<string> relative, string relativeText, UnixFileStatus? status)
    {
        if (relative.Count == 0)
        {
            throw new ToolException("the workspace root is a folder and cannot be written as a file; name a file inside it.");
        }

        if (relative.Any(IsGitName))
        {
            throw new ToolException($"'{Show(relativeText)}' is inside .git: the repository's internals cannot be written (use the git tool for git operations).");
        }

        if (status is { Kind: UnixFileKind.Directory })
        {
            throw new ToolException($"'{Show(relativeText)}' is a folder; name a file.");
        }

        if (status is { Kind: UnixFileKind.Regular, LinkCount: > 1 })
        {
            throw new ToolException($"'{Show(relativeText)}' has {status.Value.LinkCount} hard links and may alias a file outside the workspace; it cannot be written. Write a new file instead.");
        }
    }

    // Git itself treats these as its own folder on case-insensitive or Windows file systems; refuse them all.
    private static bool IsGitName(string component)
        => string.Equals(component.TrimEnd('.', ' '), ".git", StringComparison.OrdinalIgnoreCase);

    private string[]? StripRoot(string[] absolute)
    {
        foreach (var root in new[] { _rootComponents, _declaredRootComponents })
        {
            if (root is not null && absolute.Length >= root.Length && absolute.AsSpan(0, root.Length).SequenceEqual(root))
            {
                return absolute[root.Length..];
            }
        }

        return null;
    }

    private static string[] SplitAbsolute(string path)
        => path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(c => c != ".").ToArray();

    private static string Join(IReadOnlyList<string> root, IReadOnlyList<string> relative)
        => "/" + string.Join('/', root.Concat(relative));

    // The root itself is trusted; resolve it like realpath(3) over the whole file system.
    private static string[]? ResolveRealComponents(string[] components)
    {
        var resolved = new List<string>();
        var pending = new Stack<string>(components.Reverse());
        var links = 0;
        while (pending.Count > 0)
        {
            var component = pending.Pop();
            if (component is "" or ".")
            {
                continue;
            }

            if (component == "..")
            {
                if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }

                continue;
            }

            resolved.Add(component);
            var full = Join(resolved, []);
            var status = UnixFileStatus.TryGet(full);
            if (status is null)
            {
                return null;
            }

            if (status.Value.Kind != UnixFileKind.SymbolicLink)
            {
                continue;
            }

            if (++links > MaxSymbolicLinks)
            {
                return null;
            }

            var target = new FileInfo(full).LinkTarget ?? "";
            resolved.RemoveAt(resolved.Count - 1);
            if (target.StartsWith('/'))
            {
                resolved.Clear();
            }

            foreach (var part in target.Split('/').Reverse())
            {
                pending.Push(part);
            }
        }

        return [.. resolved];
    }

    private static string Show(string path)
    {
        var cleaned = path.Replace("\0", "\\0", StringComparison.Ordinal);
        return cleaned.Length <= 120 ? cleaned : cleaned[..60] + "..." + cleaned[^40..];
    }
}
