namespace Honk.Validators;

/// <summary>
/// The git identity the repository's tests commit with. Tests that build throw-away repositories (<c>git init</c>,
/// <c>git commit</c>) need a user name and e-mail, which a developer's machine has and CI configures
/// (<c>git config --global user.email …</c> in changesets/changesets' workflow); the sandbox's home has none, so every
/// such commit failed ("Author identity unknown", then <c>fatal: ambiguous argument 'HEAD'</c>) on the base and in the
/// session alike, and a change in that package was sent to the model to mend the machine.
/// </summary>
/// <remarks>
/// It is given as the global configuration file (<c>GIT_CONFIG_GLOBAL</c>), the lowest level a repository or a test
/// overrides with its own <c>git config user.name</c>, unlike <c>GIT_AUTHOR_NAME</c> which would win over them.
/// </remarks>
internal static class GitIdentity
{
    /// <summary>The variable naming the file.</summary>
    public const string Variable = "GIT_CONFIG_GLOBAL";

    private const string Contents = """
        # Written by Honk's validators: the identity the repository's tests commit with, as its CI configures one.
        [user]
            name = Honk Validator
            email = validator@honk.invalid

        """;

    /// <summary>Writes the file into the workspace's scratch folder (once) and returns its absolute path.</summary>
    /// <param name="workspaceRoot">The workspace root (the sandbox shows it at the same path).</param>
    /// <returns>The path, or <see langword="null"/> when the workspace is not a folder Honk can write (the commands then run without it).</returns>
    public static string? File(string workspaceRoot)
    {
        if (!Directory.Exists(workspaceRoot))
        {
            return null;
        }

        try
        {
            var path = Toolchains.ToolchainValidator.ScratchPath(workspaceRoot, "gitconfig");
            if (!HostWrites.IsRegularFile(path))
            {
                // A FIFO in its place (the sandbox's commands run in this folder) would block the write on the host.
                HostWrites.WriteFile(Path.GetDirectoryName(path)!, Path.GetFileName(path), Contents);
            }

            return path;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
