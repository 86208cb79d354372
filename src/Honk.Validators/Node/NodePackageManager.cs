namespace Honk.Validators;

/// <summary>The package manager a Node package uses, and how to call it.</summary>
/// <param name="Name">The command: <c>npm</c>, <c>yarn</c> or <c>pnpm</c>.</param>
/// <param name="Lockfile">Its lockfile's name.</param>
/// <param name="Berry">For yarn: whether it is yarn 2 or later (<c>.yarnrc.yml</c>, or <c>packageManager</c> says so).</param>
internal sealed record NodePackageManager(string Name, string Lockfile, bool Berry = false)
{
    public static NodePackageManager Npm { get; } = new("npm", "package-lock.json");

    public static NodePackageManager Yarn { get; } = new("yarn", "yarn.lock");

    public static NodePackageManager Pnpm { get; } = new("pnpm", "pnpm-lock.yaml");

    /// <summary>
    /// The manager the package's <c>packageManager</c> field names, else the one whose lockfile sits in the package
    /// folder or the nearest folder above it (npm when none).
    /// </summary>
    public static NodePackageManager Detect(RepositoryFacts facts, string packageFolder, string? packageManagerField = null)
    {
        var berry = IsBerry(facts, packageFolder, packageManagerField);
        if (packageManagerField?.Split('@')[0] is { } named)
        {
            var chosen = named switch { "pnpm" => Pnpm, "yarn" => Yarn with { Berry = berry }, "npm" => Npm, _ => null };
            if (chosen is not null)
            {
                return chosen;
            }
        }

        string? folder = packageFolder;
        while (folder is not null)
        {
            foreach (var manager in new[] { Pnpm, Yarn, Npm })
            {
                if (facts.HasFile(NodeWorkspaces.Join(folder, manager.Lockfile)))
                {
                    return manager == Yarn ? Yarn with { Berry = berry } : manager;
                }
            }

            folder = folder.Length == 0 ? null : NodeWorkspaces.FolderOf(folder);
        }

        return Npm;
    }

    /// <summary>The arguments that run a script; with <paramref name="skipHooks"/> its pre/post hooks do not run.</summary>
    /// <remarks>
    /// npm 7+ still runs the named script under <c>--ignore-scripts</c> and skips only its hooks. pnpm runs hooks only when
    /// <c>enable-pre-post-scripts</c> is on and yarn 2+ never does; yarn 1 has no switch, so its hooks run.
    /// </remarks>
    public IReadOnlyList<string> RunScript(string script, bool skipHooks = false) => Name switch
    {
        "npm" => skipHooks ? ["run", script, "--silent", "--ignore-scripts"] : ["run", script, "--silent"],
        "pnpm" when skipHooks => ["--silent", "--config.enable-pre-post-scripts=false", "run", script],
        _ => ["--silent", "run", script],
    };

    /// <summary>
    /// The install command as the repository's CI would run it: from the lockfile when there is one (<c>npm ci</c>,
    /// frozen), else a plain install that does not write a lockfile into the worktree.
    /// </summary>
    public IReadOnlyList<string> Install(bool hasLockfile) => (Name, hasLockfile) switch
    {
        // Scripts stay off while the network is on (also forced through the environment by the manifest view).
        ("npm", true) => ["ci", "--no-audit", "--no-fund", "--ignore-scripts"],
        ("npm", false) => ["install", "--no-audit", "--no-fund", "--no-package-lock", "--ignore-scripts"],
        ("yarn", true) => Berry ? ["install", "--immutable"] : ["install", "--frozen-lockfile", "--non-interactive", "--ignore-scripts"],
        ("yarn", false) => Berry ? ["install"] : ["install", "--non-interactive", "--no-lockfile", "--ignore-scripts"],
        ("pnpm", true) => ["install", "--frozen-lockfile", "--ignore-scripts"],
        _ => ["install", "--no-frozen-lockfile", "--config.lockfile=false", "--ignore-scripts"],
    };

    private static bool IsBerry(RepositoryFacts facts, string folder, string? packageManagerField)
    {
        if (packageManagerField is { } field && field.StartsWith("yarn@", StringComparison.Ordinal))
        {
            return !field.StartsWith("yarn@1.", StringComparison.Ordinal);
        }

        return facts.HasFile(NodeWorkspaces.Join(folder, ".yarnrc.yml")) || facts.HasFile(".yarnrc.yml");
    }
}
