using System.Text.RegularExpressions;

namespace Honk.Validators;

/// <summary>A package whose scripts run, and the folder where its dependencies are installed.</summary>
/// <param name="Folder">The package's folder, relative to the repository.</param>
/// <param name="InstallRoot">Where the install runs: the workspace root for a workspace's packages, else the package.</param>
internal sealed record NodeTarget(string Folder, string InstallRoot);

/// <summary>
/// The repository's Node packages and workspaces, read once per validation, and the rule that picks which package's
/// scripts run for a changed folder the way the repository's CI would.
/// </summary>
internal sealed partial class NodePackages(RepositoryFacts facts)
{
    private readonly Dictionary<string, NodeManifest?> _manifests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NodeWorkspaces?> _workspaces = new(StringComparer.Ordinal);

    /// <summary>The manifest in a folder; <see langword="null"/> when absent or invalid.</summary>
    public NodeManifest? Manifest(string folder)
    {
        if (!_manifests.TryGetValue(folder, out var manifest))
        {
            var path = NodeWorkspaces.Join(folder, "package.json");
            manifest = facts.HasFile(path) ? NodeManifest.Read(Path.Combine(facts.RootPath, path)) : null;
            _manifests[folder] = manifest;
        }

        return manifest;
    }

    /// <summary>The workspaces a folder declares as their root; <see langword="null"/> when it is no workspace root.</summary>
    public NodeWorkspaces? WorkspaceOf(string folder)
    {
        if (!_workspaces.TryGetValue(folder, out var workspaces))
        {
            workspaces = Manifest(folder) is { } manifest ? NodeWorkspaces.Find(facts, folder, manifest) : null;
            _workspaces[folder] = workspaces;
        }

        return workspaces;
    }

    /// <summary>
    /// The packages whose scripts run for a package folder: a workspace member runs the root's test when the root fans
    /// out to the members (<c>--workspaces</c>, <c>-r</c>, lerna, turbo, nx) or when the member has no test of its own;
    /// a workspace root without a test script runs each member's; any other package runs its own.
    /// </summary>
    public IEnumerable<NodeTarget> Resolve(string folder)
    {
        var root = EnclosingRoot(folder);
        if (root is null)
        {
            return [new NodeTarget(folder, folder)];
        }

        var rootManifest = Manifest(root)!;
        if (folder != root)
        {
            var own = Manifest(folder);
            var runRoot = FansOut(rootManifest) || (own?.HasRealScript("test") != true && rootManifest.HasRealScript("test"));
            return [new NodeTarget(runRoot ? root : folder, root)];
        }

        if (rootManifest.HasRealScript("test"))
        {
            return [new NodeTarget(root, root)];
        }

        var members = WorkspaceOf(root)!.Members.Where(m => Manifest(m)?.HasRealScript("test") == true).Select(m => new NodeTarget(m, root)).ToList();
        return members.Count > 0 ? members : [new NodeTarget(root, root)];
    }

    /// <summary>Whether the root's test script runs the members' tests (itself or through one <c>npm run</c>).</summary>
    public bool FansOut(NodeManifest manifest)
    {
        if (!manifest.Scripts.TryGetValue("test", out var test))
        {
            return false;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal) { "test" };
        var pending = new Queue<string>([test]);
        while (pending.TryDequeue(out var body))
        {
            if (FanOut().IsMatch(body))
            {
                return true;
            }

            foreach (Match run in RunScript().Matches(body))
            {
                var name = run.Groups["name"].Value;
                if (seen.Add(name) && manifest.Scripts.TryGetValue(name, out var next))
                {
                    pending.Enqueue(next);
                }
            }
        }

        return false;
    }

    // The nearest folder at or above this one whose manifest declares workspaces that include it.
    private string? EnclosingRoot(string folder)
    {
        for (string? candidate = folder; candidate is not null; candidate = candidate.Length == 0 ? null : NodeWorkspaces.FolderOf(candidate))
        {
            if (WorkspaceOf(candidate) is { } workspaces && (candidate == folder || workspaces.Members.Contains(folder)))
            {
                return candidate;
            }
        }

        return null;
    }

    [GeneratedRegex(@"--workspaces\b|\s-ws\b|--workspace[= ]|\blerna\s+run\b|\bturbo\b|\bnx\s+(run-many|affected)\b|\bpnpm\s+(-r|--recursive|-F|--filter)\b|\bpnpm\s+\S+\s+(-r|--recursive)\b|\byarn\s+workspaces\b|\bwsrun\b|\bultra\s+-r\b")]
    private static partial Regex FanOut();

    [GeneratedRegex(@"\b(npm|pnpm|yarn)\s+(run\s+|run-script\s+)?(?<name>[\w:.\-]+)")]
    private static partial Regex RunScript();
}
