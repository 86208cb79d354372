namespace Honk.Mcp;

/// <summary>
/// A folder served in place: an MCP client works on the real repository (no worktree), so its edits are where it
/// expects them. Changes are what git reports against HEAD, asked through the (sandboxed) command runner; a folder
/// that is not a git repository reports none.
/// </summary>
public sealed class InPlaceWorkspace : Workspace
{
    private readonly ICommandRunner? _git;

    /// <summary>Serves <paramref name="rootPath"/>.</summary>
    /// <param name="rootPath">An existing folder; symlinks are resolved so the fence compares real paths.</param>
    /// <param name="commandRunner">Runs <c>git</c> for the change list; without one, no changes are reported.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public InPlaceWorkspace(string rootPath, ICommandRunner? commandRunner)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootPath);
        var folder = new DirectoryInfo(Path.GetFullPath(rootPath));
        if (!folder.Exists)
        {
            throw new DirectoryNotFoundException($"The folder '{folder.FullName}' does not exist.");
        }

        RootPath = folder.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? folder.FullName;
        _git = commandRunner;
    }

    /// <inheritdoc />
    public override string RootPath { get; }

    /// <inheritdoc />
    public override async ValueTask<IReadOnlyList<string>> GetChangedFilesAsync(CancellationToken cancellationToken = default)
    {
        var status = await GitAsync(["status", "--porcelain=v1", "-z", "--untracked-files=all"], cancellationToken).ConfigureAwait(false);
        return status is null ? [] : ParsePorcelain(status);
    }

    /// <inheritdoc />
    public override async ValueTask<string> GetDiffAsync(CancellationToken cancellationToken = default)
        => await GitAsync(["diff", "HEAD", "--"], cancellationToken).ConfigureAwait(false) ?? string.Empty;

    /// <summary>Reads <c>git status --porcelain=v1 -z</c>: "XY path", and for renames and copies "XY new" then "old".</summary>
    /// <param name="status">The raw output.</param>
    /// <returns>The changed paths, repository-relative, each once.</returns>
    internal static IReadOnlyList<string> ParsePorcelain(string status)
    {
        var paths = new List<string>();
        var entries = status.Split('\0');
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            if (entry.Length < 4)
            {
                continue;
            }

            paths.Add(entry[3..]);
            if (entry[0] is 'R' or 'C')
            {
                i++; // the original path of a rename or copy follows
            }
        }

        return [.. paths.Distinct(StringComparer.Ordinal)];
    }

    private async ValueTask<string?> GitAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        if (_git is null || !Directory.Exists(Path.Combine(RootPath, ".git")) && !File.Exists(Path.Combine(RootPath, ".git")))
        {
            return null;
        }

        var result = await _git.RunAsync(new CommandRequest("git", ["-c", "core.quotepath=false", .. arguments]), cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0 ? result.Output : null;
    }
}
