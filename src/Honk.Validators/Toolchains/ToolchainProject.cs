namespace Honk.Validators.Toolchains;

/// <summary>One project folder a toolchain validator plans for.</summary>
/// <param name="Folder">The project folder, relative to the root ('' for the root itself).</param>
/// <param name="NameWithFolder">Whether step names should carry the folder (the repository has several projects).</param>
/// <param name="Facts">The repository's files and the session's changed files.</param>
/// <param name="Settings">The repository's <c>honk.json</c> validator settings.</param>
public sealed record ToolchainProject(string Folder, bool NameWithFolder, RepositoryFacts Facts, RepositorySettings Settings);
