using System.Text.RegularExpressions;

namespace Honk.Validators;

/// <summary>The environment rule: failures the base has the same way that no change of the model can cause or cure.</summary>
public sealed partial class SessionBusiness
{
    /// <summary>
    /// Files that tell a toolchain what to fetch or which toolchain to use, without being project or build files: a
    /// change to one may cause (or cure) a failure Honk cannot place, so such a failure stays the session's business.
    /// </summary>
    private static readonly string[] EnvironmentFileNames =
    [
        ".npmrc", ".yarnrc", ".yarnrc.yml", ".nvmrc", ".node-version", ".tool-versions", ".python-version", "requirements.txt",
        "poetry.lock", "uv.lock", "Pipfile", "Pipfile.lock", "rust-toolchain", "rust-toolchain.toml", "go.work.sum",
        "gradle.properties", "gradle-wrapper.properties", "maven-wrapper.properties", "maven.config", "config.toml", "honk.json",
        ".gitmodules",
    ];

    private List<string>? _submodules;

    /// <summary>
    /// Whether a failure the untouched base had the same way belongs to the environment rather than to the change, so
    /// it is never tolerated (nothing vouches for the change while the checks cannot run) and never sent to the model as
    /// a fix request (see <see cref="ValidationFailureKind.Environment"/>). The task must not name it, and the change must
    /// touch no project, build or toolchain-settings file that could cause or cure it; then it is the environment when
    /// <list type="bullet">
    /// <item>it names neither a test nor a file (an offline resolver's "no matching package", a toolchain too old for
    /// the project file: no test ran), or</item>
    /// <item>it says a third party's module, package, crate or header is missing (Python's <c>No module named</c>,
    /// Node's <c>Cannot find module</c>, Go's <c>cannot find module providing package</c>, javac's <c>package … does not
    /// exist</c>, rustc's <c>can't find crate</c>, NuGet's <c>Unable to find package</c>, a compiler's missing header) — one the repository does not provide
    /// itself. A failing import of the repository's own module stays the change's to mend.</item>
    /// <item>it lies in an installed package's file (<c>node_modules/…</c>), or</item>
    /// <item>it says the sandbox lacks the network or the git metadata (<see cref="SandboxLimits"/>), or names a path
    /// inside a git submodule, which a session's worktree does not have.</item>
    /// </list>
    /// </summary>
    /// <param name="finding">A failure the base also had.</param>
    /// <returns>True for an environment failure.</returns>
    public bool IsEnvironment(ValidationFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (NamedByTask(finding) is not null || _changed.Any(IsBuildOrToolchainFile))
        {
            return false;
        }

        // Otherwise a failing test ran or a file is named, so the checks could run — unless what failed is the machine's
        // lack of a third party's module, the same on the base.
        return (finding.TestName is null && finding.File is null)
            || (MissingDependency.Find(finding.Message) is { } missing && !IsOwn(missing))
            || (IsInstalledPackageFile(finding.File) && !_facts.HasFile(finding.File!))
            || SandboxLimits.Mentioned(finding.Message)
            || NamesASubmodule(finding.Message);
    }

    /// <summary>
    /// Whether the message names a path inside one of the repository's git submodules (<c>.gitmodules</c>): a session's
    /// worktree has no submodules checked out, and they cannot be fetched offline (python-poetry/tomlkit's test suite
    /// reads its toml-test submodule).
    /// </summary>
    private bool NamesASubmodule(string message)
    {
        if (!_facts.HasFile(".gitmodules"))
        {
            return false;
        }

        _submodules ??= [.. SubmodulePath().Matches(Read(".gitmodules")).Select(m => m.Groups["path"].Value.Trim().Trim('/'))
            .Where(p => p.Length > 0)];
        return _submodules.Any(path => message.Contains(path + "/", StringComparison.Ordinal) || message.Contains(path + "'", StringComparison.Ordinal)
            || message.Contains(path + "\"", StringComparison.Ordinal));
    }

    /// <summary>
    /// Whether the failure lies in an installed third party's file (<c>node_modules/…</c>): the change edits none, and
    /// it fails the same on the base — unless the repository tracks that file itself (tsd type-checking a newer <c>@types/node</c> with its own older TypeScript, in
    /// sindresorhus/slugify, whose dependencies have no lockfile).
    /// </summary>
    private static bool IsInstalledPackageFile(string? file)
        => file is not null && (file.StartsWith("node_modules/", StringComparison.Ordinal) || file.Contains("/node_modules/", StringComparison.Ordinal));

    /// <summary>Whether the repository provides the missing module itself (then its import failing is the code's fault).</summary>
    private bool IsOwn(MissingModule missing)
    {
        var name = missing.Name;
        switch (missing.Ecosystem)
        {
            case ModuleEcosystem.Python:
                var top = name.Split('.')[0];
                return _facts.Files.Any(f => f.EndsWith(".py", StringComparison.Ordinal)
                    && (Path.GetFileNameWithoutExtension(f) == top || f.Split('/')[..^1].Contains(top, StringComparer.Ordinal)));
            case ModuleEcosystem.Node:
                if (name.StartsWith('.') || name.StartsWith('/') || name.StartsWith('#') || name.StartsWith("file:", StringComparison.Ordinal))
                {
                    return true;
                }

                var parts = name.Split('/');
                var package = name.StartsWith('@') && parts.Length > 1 ? parts[0] + "/" + parts[1] : parts[0];
                return _facts.FilesNamed("package.json").Any(f => DeclaredNames().Matches(Read(f)).Any(m => m.Groups["name"].Value == package));
            case ModuleEcosystem.Go:
                return _facts.FilesNamed("go.mod").Select(f => DeclaredNames().Match(Read(f)))
                    .Any(m => m.Success && (name == m.Groups["name"].Value || name.StartsWith(m.Groups["name"].Value + "/", StringComparison.Ordinal)));
            case ModuleEcosystem.Java:
                var folder = "/" + name.Replace('.', '/') + "/";
                return _facts.Files.Any(f => ("/" + f).Contains(folder, StringComparison.Ordinal));
            case ModuleEcosystem.NuGet:
                // A package the repository packs itself: one of its projects (or its PackageId) has the name.
                return _facts.Files.Any(f => (f.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".fsproj", StringComparison.OrdinalIgnoreCase)
                        || f.EndsWith(".vbproj", StringComparison.OrdinalIgnoreCase))
                    && (string.Equals(Path.GetFileNameWithoutExtension(f), name, StringComparison.OrdinalIgnoreCase)
                        || Read(f).Contains($"<PackageId>{name}</PackageId>", StringComparison.OrdinalIgnoreCase)));
            case ModuleEcosystem.Rust:
                return _facts.FilesNamed("Cargo.toml").Any(f => DeclaredNames().Matches(Read(f)).Any(m => m.Groups["name"].Value.Replace('-', '_') == name.Replace('-', '_')));
            default:
                return _facts.Files.Any(f => f == name || f.EndsWith("/" + name, StringComparison.Ordinal));
        }
    }

    private static bool IsBuildOrToolchainFile(string file)
        => IsProjectFile(file) || IsBuildFile(file) || EnvironmentFileNames.Contains(Path.GetFileName(file), StringComparer.OrdinalIgnoreCase)
            || file.EndsWith(".props", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".targets", StringComparison.OrdinalIgnoreCase)
            || file.EndsWith(".cmake", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".gradle", StringComparison.OrdinalIgnoreCase)
            || file.EndsWith(".gradle.kts", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".mk", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^\s*path\s*=\s*(?<path>.+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex SubmodulePath();
}
