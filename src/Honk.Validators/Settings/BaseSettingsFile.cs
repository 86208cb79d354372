using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Honk.Validators;

/// <summary>
/// Reads the repository's <c>honk.json</c> as it was in the commit the session started from. The model edits the
/// workspace; if the validators read their settings there, a model could switch off its own tests (<c>runTests:
/// false</c>, <c>skipScripts: ["test"]</c>) and pass the gate. The base commit's file is the repository's word.
/// </summary>
internal static class BaseSettingsFile
{
    private const int MaxCached = 256;
    private static readonly TimeSpan GitTimeout = TimeSpan.FromSeconds(30);

    // A commit's content never changes, so the text is cached by commit (null: the commit has no honk.json).
    private static readonly ConcurrentDictionary<string, string?> Cache = new(StringComparer.Ordinal);

    /// <summary>
    /// The text of <c>honk.json</c> at the workspace's base commit, <see langword="null"/> when that commit has none;
    /// for a workspace that is not a git worktree (no base commit), the file in the workspace.
    /// </summary>
    /// <param name="workspace">The workspace being validated.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The text, or <see langword="null"/> when there is no file.</returns>
    /// <exception cref="RepositorySettingsException">The base commit's file could not be read.</exception>
    public static async Task<string?> ReadAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        if (workspace.BaseCommit is not { Length: > 0 } commit)
        {
            return RepositorySettings.ReadText(workspace.RootPath);
        }

        if (Cache.TryGetValue(commit, out var cached))
        {
            return cached;
        }

        var text = await ShowAsync(workspace.RootPath, commit, cancellationToken).ConfigureAwait(false);
        if (Cache.Count >= MaxCached)
        {
            Cache.Clear();
        }

        Cache[commit] = text;
        return text;
    }

    /// <summary><c>git cat-file blob &lt;commit&gt;:honk.json</c> in the worktree (on the host: the sandbox does not see the git directory).</summary>
    private static async Task<string?> ShowAsync(string root, string commit, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_OPTIONAL_LOCKS"] = "0";

        var (code, text, error) = await RunAsync(With(start, ["cat-file", "blob", commit + ":" + RepositorySettings.FileName]), cancellationToken).ConfigureAwait(false);
        if (code == 0)
        {
            return text;
        }

        // Tell "the commit has no honk.json" (the common case) from a repository git cannot read.
        var (commitCode, _, _) = await RunAsync(With(start, ["cat-file", "-e", commit + "^{commit}"]), cancellationToken).ConfigureAwait(false);
        return commitCode == 0
            ? null
            : throw new RepositorySettingsException(
                $"The repository's {RepositorySettings.FileName} could not be read from the base commit {commit}: {error.Trim()}");
    }

    private static ProcessStartInfo With(ProcessStartInfo start, string[] arguments)
    {
        start.ArgumentList.Clear();
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(ProcessStartInfo start, CancellationToken cancellationToken)
    {
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("git did not start.");
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException)
        {
            throw new RepositorySettingsException($"The repository's {RepositorySettings.FileName} could not be read from the base commit: git could not run ({ex.Message}).", ex);
        }

        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(GitTimeout);
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                throw new RepositorySettingsException($"The repository's {RepositorySettings.FileName} could not be read from the base commit: git did not answer within {GitTimeout.TotalSeconds:0} s.");
            }

            return (process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
        }
    }
}
