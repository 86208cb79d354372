namespace Honk.Tools;

/// <summary>What one sandboxed command sees of the workspace.</summary>
/// <param name="Root">The resolved workspace root.</param>
/// <param name="WorkingDirectory">The resolved working directory inside the root.</param>
/// <param name="AllowNetwork">Whether the command keeps the host's network.</param>
/// <param name="ManifestFiles">Only these workspace files (read-only) instead of the whole workspace; <see langword="null"/> for the whole workspace.</param>
/// <param name="OutputFolders">Writable workspace folders of a manifest view.</param>
/// <param name="SessionCache">The runner's writable cache folder on the host, or <see langword="null"/>.</param>
internal sealed record SandboxLayout(
    string Root,
    string WorkingDirectory,
    bool AllowNetwork,
    IReadOnlyList<string>? ManifestFiles,
    IReadOnlyList<string> OutputFolders,
    string? SessionCache);
