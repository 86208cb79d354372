namespace Honk;

/// <summary>
/// A narrowed view of the workspace for commands that run with the network (package restores and installs): the
/// workspace appears as only its manifest files, read-only, plus the output folders the restore writes, so code or
/// scripts fetched from the network see no sources and no secrets such as <c>.env</c>.
/// </summary>
/// <param name="Manifests">File-name patterns (<c>*</c> and <c>?</c>, case-insensitive) of the files shown, matched
/// at any depth of the workspace outside <c>.git</c> and the output folders; symbolic links are never shown.</param>
/// <param name="OutputFolders">Folder names made writable beside every manifest that matches
/// <paramref name="OutputOwners"/> (created when missing), e.g. <c>obj</c> or <c>node_modules</c>.</param>
/// <param name="OutputOwners">File-name patterns of the manifests that own output folders.</param>
public sealed record ManifestView(IReadOnlyList<string> Manifests, IReadOnlyList<string> OutputFolders, IReadOnlyList<string> OutputOwners)
{
    /// <summary>What <c>dotnet restore</c> reads and writes: solutions, projects, MSBuild props and targets, NuGet
    /// configuration and lock files, <c>global.json</c>; each project's <c>obj</c> folder is writable.</summary>
    public static ManifestView DotnetRestore { get; } = new(
        ["*.sln", "*.slnx", "*.slnf", "*.csproj", "*.fsproj", "*.vbproj", "*.proj", "*.props", "*.targets",
            "nuget.config", "global.json", "packages.lock.json", "dotnet-tools.json"],
        ["obj"],
        ["*.csproj", "*.fsproj", "*.vbproj", "*.proj"]);

    /// <summary>What an npm, yarn or pnpm install reads and writes: <c>package.json</c> files, lockfiles and the
    /// package managers' configuration; each package's <c>node_modules</c> folder is writable.</summary>
    public static ManifestView NodeInstall { get; } = new(
        ["package.json", "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "pnpm-workspace.yaml",
            ".npmrc", ".yarnrc"],
        ["node_modules"],
        ["package.json"]);
}
