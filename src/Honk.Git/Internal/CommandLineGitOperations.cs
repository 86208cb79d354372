using System.Globalization;

namespace Honk.Git.Internal;

/// <summary><see cref="GitRepositoryOperations"/> through the git program: one process per call.</summary>
internal sealed class CommandLineGitOperations(GitRunner git) : GitRepositoryOperations
{
    public override string Name => "cli";

    public GitRunner Runner => git;

    public override async Task<string?> ResolveCommitAsync(string repository, string revision, CancellationToken cancellationToken)
    {
        var result = await git.RunAsync(repository, ["rev-parse", "--verify", "--quiet", revision + "^{commit}"], cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? result.Text : null;
    }

    public override async Task<bool> IsValidBranchNameAsync(string name, CancellationToken cancellationToken)
    {
        if (name.StartsWith('-'))
        {
            return false;
        }

        var result = await git.RunAsync(null, ["check-ref-format", "--branch", name], cancellationToken).ConfigureAwait(false);
        return result.Succeeded;
    }

    public override async Task<bool> ReferenceExistsAsync(string repository, string reference, CancellationToken cancellationToken)
    {
        var result = await git.RunAsync(repository, ["rev-parse", "--verify", "--quiet", reference], cancellationToken).ConfigureAwait(false);
        return result.Succeeded;
    }

    public override async Task CreateBranchAsync(string repository, string name, string commit, CancellationToken cancellationToken)
        => await git.RunCheckedAsync(repository, ["branch", "--no-track", name, commit], cancellationToken).ConfigureAwait(false);

    public override async Task<GitStatus> GetStatusAsync(string workTree, CancellationToken cancellationToken)
    {
        var status = await git.RunCheckedAsync(
            workTree,
            ["--no-optional-locks", "status", "--porcelain=v2", "-z", "--branch", "--untracked-files=all"],
            cancellationToken).ConfigureAwait(false);
        return new GitStatus(status.StandardOutput, GitOutputParser.ParseStatusPaths(status.StandardOutput));
    }

    public override async Task<IReadOnlyList<string>> GetStagedPathsAsync(string workTree, CancellationToken cancellationToken)
    {
        var staged = await git.RunCheckedAsync(workTree, ["diff", "--cached", "--name-only", "-z", "--no-renames", "HEAD", "--"], cancellationToken).ConfigureAwait(false);
        return staged.StandardOutput.Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }

    public override async Task<string> CommitAsync(string workTree, string message, GitSignature signature, CancellationToken cancellationToken)
    {
        var date = "@" + signature.When.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + " +0000";
        var environment = new Dictionary<string, string>
        {
            ["GIT_AUTHOR_NAME"] = signature.Name,
            ["GIT_AUTHOR_EMAIL"] = signature.Email,
            ["GIT_COMMITTER_NAME"] = signature.Name,
            ["GIT_COMMITTER_EMAIL"] = signature.Email,
            ["GIT_AUTHOR_DATE"] = date,
            ["GIT_COMMITTER_DATE"] = date,
        };
        await git.RunCheckedAsync(
            workTree,
            ["commit", "--quiet", "--no-verify", "--no-gpg-sign", "--cleanup=whitespace", "--message", message],
            cancellationToken,
            environment: environment).ConfigureAwait(false);
        var sha = await git.RunCheckedAsync(workTree, ["rev-parse", "HEAD"], cancellationToken).ConfigureAwait(false);
        return sha.Text;
    }

    public override async Task<IReadOnlyList<string>> GetTrailerValuesAsync(string repository, string revisions, string key, CancellationToken cancellationToken)
    {
        var arguments = new List<string> { "log", $"--format=%(trailers:key={key},valueonly)" };
        if (!revisions.Contains("..", StringComparison.Ordinal))
        {
            arguments.Add("-1");
        }

        arguments.Add(revisions);
        arguments.Add("--");
        var log = await git.RunCheckedAsync(repository, arguments, cancellationToken).ConfigureAwait(false);
        return [.. log.StandardOutput.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0)];
    }

    public override async Task<string?> ReadFileAtCommitAsync(string repository, string commit, string path, CancellationToken cancellationToken)
    {
        var blob = await git.RunAsync(repository, ["cat-file", "blob", commit + ":" + path], cancellationToken).ConfigureAwait(false);
        if (blob.Succeeded)
        {
            return blob.StandardOutput;
        }

        // Tell "the commit has no such file" (the common case) from a commit or repository git cannot read.
        var exists = await git.RunAsync(repository, ["cat-file", "-e", commit + "^{commit}"], cancellationToken).ConfigureAwait(false);
        return exists.Succeeded
            ? null
            : throw new GitException($"Reading '{path}' at {commit} failed: {blob.StandardError.Trim()}", blob.CommandLine, blob.ExitCode, blob.StandardError);
    }

    public override async Task<IReadOnlyList<string>> ListFilesAsync(string workTree, CancellationToken cancellationToken)
    {
        var command = new GitCommand(workTree, ["-c", "core.quotepath=off", "ls-files", "-z", "--cached", "--others", "--exclude-standard"])
        {
            Environment = new Dictionary<string, string> { ["GIT_OPTIONAL_LOCKS"] = "0" },
        };
        var listed = (await git.RunAsync(command, cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        return listed.StandardOutput.Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }

    public override async Task<string?> GetConfigValueAsync(string repository, string key, CancellationToken cancellationToken)
    {
        var result = await git.RunAsync(new GitCommand(repository, ["config", "--get", key]) { RedactStandardOutput = false }, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? result.Text : null;
    }
}
