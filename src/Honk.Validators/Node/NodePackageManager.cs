namespace Honk.Validators;

/// <summary>The package manager a Node package uses, chosen by its lockfile, and how to call it.</summary>
internal sealed record NodePackageManager(string Name, string Lockfile)
{
    public static NodePackageManager Npm { get; } = new("npm", "package-lock.json");

    public static NodePackageManager Yarn { get; } = new("yarn", "yarn.lock");

    public static NodePackageManager Pnpm { get; } = new("pnpm", "pnpm-lock.yaml");

    /// <summary>The manager whose lockfile sits in the package folder or the nearest folder above it (npm when none).</summary>
    public static NodePackageManager Detect(RepositoryFacts facts, string packageFolder)
    {
        string? folder = packageFolder;
        while (folder is not null)
        {
            var prefix = folder.Length == 0 ? "" : folder + "/";
            foreach (var manager in new[] { Pnpm, Yarn, Npm })
            {
                if (facts.HasFile(prefix + manager.Lockfile))
                {
                    return manager;
                }
            }

            folder = folder.Length == 0 ? null : (folder.Contains('/', StringComparison.Ordinal) ? folder[..folder.LastIndexOf('/')] : "");
        }

        return Npm;
    }

    public IReadOnlyList<string> RunScript(string script) => Name switch
    {
        "npm" => ["run", script, "--silent"],
        _ => ["--silent", "run", script],
    };

    public IReadOnlyList<string> Install() => Name switch
    {
        "npm" => ["ci", "--no-audit", "--no-fund", "--ignore-scripts"],
        "yarn" => ["install", "--frozen-lockfile", "--non-interactive", "--ignore-scripts"],
        _ => ["install", "--frozen-lockfile", "--ignore-scripts"],
    };
}
