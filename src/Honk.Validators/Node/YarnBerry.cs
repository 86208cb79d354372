using System.Text.RegularExpressions;

namespace Honk.Validators;

/// <summary>
/// How yarn 2+ (Berry) runs in the sandbox. The machine's <c>yarn</c> is yarn 1, which hands over to the release a
/// repository commits (<c>yarnPath: .yarn/releases/yarn-4.4.1.cjs</c> in <c>.yarnrc.yml</c>); the install's narrowed
/// view (<see cref="ManifestView.NodeInstall"/>) must therefore show <c>.yarnrc.yml</c> and the files it names, or yarn 1
/// refuses the project ("Corepack must currently be enabled") on the base and in the session alike, and the checks
/// could never run. Berry writes its cache, install state and Plug'n'Play loader (<c>.pnp.cjs</c>) beside the project,
/// where the view is read-only: the install and every script therefore link into <c>node_modules</c>
/// (<c>nodeLinker: node-modules</c>, the layout npm, pnpm and yarn 1 produce here too), with the cache and the state
/// kept inside it. Lifecycle scripts stay off during the install (the sandbox sets <c>YARN_ENABLE_SCRIPTS=false</c>
/// whenever the network is on). The machine's CA bundle, which npm reads from its global npmrc, is passed as
/// <c>YARN_CA_FILE_PATH</c> (<see cref="MachineCaFile"/>).
/// </summary>
internal static partial class YarnBerry
{
    /// <summary>The install's view: the Node manifests plus <c>.yarnrc.yml</c> and the release and plugins it names.</summary>
    /// <param name="repositoryRoot">The workspace root (absolute).</param>
    /// <param name="installRoot">The install root, relative to it ('' for the root).</param>
    public static ManifestView InstallView(string repositoryRoot, string installRoot)
    {
        var named = new List<string> { ".yarnrc.yml" };
        foreach (var folder in new[] { installRoot, "" }.Distinct(StringComparer.Ordinal))
        {
            var settings = Path.Combine(repositoryRoot, folder, ".yarnrc.yml");
            if (File.Exists(settings))
            {
                named.AddRange(NamedScripts().Matches(File.ReadAllText(settings)).Select(m => Path.GetFileName(m.Groups["path"].Value)));
            }
        }

        var view = ManifestView.NodeInstall;
        return view with { Manifests = [.. view.Manifests, .. named.Distinct(StringComparer.Ordinal)] };
    }

    /// <summary>The variables of every yarn 2+ command of one install root: node-modules linking, cache and state inside it.</summary>
    /// <param name="repositoryRoot">The workspace root (absolute; the sandbox shows it at the same path).</param>
    /// <param name="installRoot">The install root, relative to it ('' for the root).</param>
    public static IReadOnlyDictionary<string, string> Environment(string repositoryRoot, string installRoot)
    {
        var modules = Path.Combine(repositoryRoot, installRoot, "node_modules");
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["YARN_NODE_LINKER"] = "node-modules",
            ["YARN_ENABLE_GLOBAL_CACHE"] = "false",
            ["YARN_CACHE_FOLDER"] = Path.Combine(modules, ".yarn-cache"),
            ["YARN_INSTALL_STATE_PATH"] = Path.Combine(modules, ".yarn-install-state.gz"),
            ["YARN_ENABLE_TELEMETRY"] = "0",
            ["YARN_ENABLE_PROGRESS_BARS"] = "false",
        };

        // yarn 2+ reads no npmrc: the CA bundle npm is configured with reaches it as its own setting.
        if (MachineCaFile.Find(System.Environment.GetEnvironmentVariable) is { } caFile)
        {
            variables["YARN_CA_FILE_PATH"] = caFile;
        }

        return variables;
    }

    // yarnPath: .yarn/releases/yarn-4.4.1.cjs, and plugins' "path: .yarn/plugins/@yarnpkg/plugin-x.cjs".
    [GeneratedRegex(@"^\s*-?\s*(?:yarnPath|path)\s*:\s*[""']?(?<path>[^""'\s]+\.c?js)[""']?\s*$", RegexOptions.Multiline)]
    private static partial Regex NamedScripts();
}
