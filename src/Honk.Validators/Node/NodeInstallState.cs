using System.Security.Cryptography;
using System.Text;

namespace Honk.Validators;

/// <summary>
/// Whether a package's dependencies are installed completely, for the manifests and lockfile it has now. A
/// <c>node_modules</c> folder alone proves nothing: an install killed half-way leaves one. Installed means Honk's stamp
/// (<c>node_modules/.honk-install</c>, written after an install that succeeded) holds the current hash of the
/// manifests and lockfile; without a stamp, the package manager's own end-of-install marker (npm's
/// <c>node_modules/.package-lock.json</c>, yarn's <c>.yarn-integrity</c> / <c>.yarn-state.yml</c>, pnpm's
/// <c>.modules.yaml</c>, yarn's <c>.pnp.cjs</c>) must be newer than every manifest and the lockfile.
/// </summary>
internal sealed class NodeInstallState
{
    /// <summary>Honk's stamp file, inside <c>node_modules</c>.</summary>
    public const string StampFile = ".honk-install";

    private const int MaxStampBytes = 1024;

    private static readonly string[] Markers =
        ["node_modules/.package-lock.json", "node_modules/.yarn-integrity", "node_modules/.yarn-state.yml", "node_modules/.modules.yaml", ".pnp.cjs"];

    private readonly string _workspace;
    private readonly string _root;
    private readonly string _folder;
    private readonly IReadOnlyList<string> _inputs;

    /// <summary>Creates the state of one install root.</summary>
    /// <param name="workspace">The workspace's absolute path.</param>
    /// <param name="root">The install root, relative to the workspace ('' for the workspace itself).</param>
    /// <param name="inputs">Absolute paths of the files an install depends on: every manifest and the lockfile.</param>
    public NodeInstallState(string workspace, string root, IEnumerable<string> inputs)
    {
        _workspace = workspace;
        _root = root;
        _folder = Path.Combine(workspace, root);

        // Only regular files are hashed: a committed lockfile linked to /dev/zero (or a FIFO) would never end the read.
        _inputs = [.. inputs.Where(HostWrites.IsRegularFile).Order(StringComparer.Ordinal)];
    }

    private string StampPath => Path.Combine(_folder, "node_modules", StampFile);

    private string StampRelativePath => Path.Combine(_root, "node_modules", StampFile);

    /// <summary>Whether the dependencies are installed completely for the current manifests (see the class remarks).</summary>
    /// <returns>True when no install is needed.</returns>
    public bool IsComplete()
    {
        if (!Directory.Exists(Path.Combine(_folder, "node_modules")) && !File.Exists(Path.Combine(_folder, ".pnp.cjs")))
        {
            return false;
        }

        // The stamp is read only when it is Honk's own regular file: the repository (or an install script) can put a
        // link to /dev/zero or a FIFO there, and reading either never ends (ADR 0039).
        if (HostWrites.ReadOwnFile(StampPath, MaxStampBytes) is { } stamp)
        {
            return string.Equals(stamp.Trim(), Hash(), StringComparison.Ordinal);
        }

        var newestInput = _inputs.Select(File.GetLastWriteTimeUtc).DefaultIfEmpty(DateTime.MinValue).Max();
        return Markers.Select(m => Path.Combine(_folder, m)).Any(m => File.Exists(m) && File.GetLastWriteTimeUtc(m) >= newestInput);
    }

    /// <summary>Why <see cref="IsComplete"/> is false, for messages.</summary>
    /// <returns>One short sentence.</returns>
    public string DescribeIncomplete()
        => !Directory.Exists(Path.Combine(_folder, "node_modules")) ? "no node_modules"
            : File.Exists(StampPath) ? "package.json or the lockfile changed since the last install"
            : "node_modules has no mark of a finished install (an install that was stopped half-way leaves one like this)";

    /// <summary>Removes the stamp before an install starts, so that an install that is stopped leaves none.</summary>
    public void Clear()
    {
        try
        {
            if (HostWrites.IsRealFolder(_workspace, Path.Combine(_root, "node_modules")))
            {
                File.Delete(StampPath);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The stamp is then compared by hash; a stale one never matches changed inputs.
        }
    }

    /// <summary>Writes the stamp after an install succeeded.</summary>
    public void MarkComplete()
    {
        // The install ran the repository's scripts: node_modules (or a folder above it) may now be a link to a host
        // folder, which Honk must not write into; a real node_modules gets the stamp, a link none.
        if (HostWrites.IsRealFolder(_workspace, Path.Combine(_root, "node_modules")))
        {
            HostWrites.WriteFile(_workspace, StampRelativePath, Hash() + "\n");
        }
    }

    private string Hash()
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var input in _inputs)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(_folder, input) + "\n"));
            sha.AppendData(File.ReadAllBytes(input));
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
