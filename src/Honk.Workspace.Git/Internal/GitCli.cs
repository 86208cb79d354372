using System.Diagnostics;
using System.Text;

namespace Honk.Workspaces.Git.Internal;

/// <summary>
/// Runs the git command-line client: an argument list (never a shell), a scrubbed environment, standard input
/// closed, a time limit, and the whole process tree killed on cancellation or timeout.
/// </summary>
internal sealed class GitCli
{
    // Applied to every command: no hooks from the host's global config or from a repository, no colour codes, paths
    // printed as they are, and no "detached HEAD" or hint chatter on stderr.
    private static readonly string[] CommonArguments =
    [
        "-c", "core.hooksPath=/dev/null",
        "-c", "color.ui=false",
        "-c", "core.quotePath=false",
        "-c", "advice.detachedHead=false",
        "-c", "init.defaultBranch=main",
        "-c", "commit.gpgSign=false",
        "-c", "tag.gpgSign=false",
    ];

    private readonly string _executable;
    private readonly TimeProvider _timeProvider;
    private readonly Dictionary<string, string> _environment;

    /// <summary>Creates a runner.</summary>
    /// <param name="executable">The git program.</param>
    /// <param name="defaultTimeout">The time limit of commands that do not name their own.</param>
    /// <param name="timeProvider">The clock for time limits.</param>
    public GitCli(string executable, TimeSpan defaultTimeout, TimeProvider timeProvider)
    {
        _executable = executable;
        DefaultTimeout = defaultTimeout;
        _timeProvider = timeProvider;
        _environment = GitEnvironment.Build(Environment.GetEnvironmentVariables());
    }

    /// <summary>The time limit of commands that do not name their own.</summary>
    public TimeSpan DefaultTimeout { get; }

    /// <summary>Runs git and returns whatever it returned, failure included.</summary>
    /// <param name="workingDirectory">Where git runs (passed as <c>-C</c>).</param>
    /// <param name="arguments">The git arguments, each one argv entry.</param>
    /// <param name="cancellationToken">Kills git when cancelled.</param>
    /// <param name="timeout">The time limit; <see cref="DefaultTimeout"/> when <see langword="null"/>.</param>
    /// <param name="environment">Extra variables, e.g. <c>GIT_INDEX_FILE</c> for a temporary index.</param>
    /// <returns>The exit code and output.</returns>
    /// <exception cref="GitException">git could not be started, or it ran past the time limit.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<GitCommandResult> RunAsync(
        string? workingDirectory,
        IReadOnlyList<string> arguments,
        CancellationToken cancellationToken,
        TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var commandLine = UrlRedaction.Redact("git " + string.Join(' ', arguments.Select(Quote)));
        var startInfo = new ProcessStartInfo(_executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (workingDirectory is not null)
        {
            startInfo.ArgumentList.Add("-C");
            startInfo.ArgumentList.Add(workingDirectory);
        }

        foreach (var argument in CommonArguments.Concat(arguments))
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment.Clear();
        foreach (var (name, value) in _environment)
        {
            startInfo.Environment[name] = value;
        }

        if (environment is not null)
        {
            foreach (var (name, value) in environment)
            {
                startInfo.Environment[name] = value;
            }
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new GitException($"Could not start git ('{_executable}'): {ex.Message}. Is git installed and on PATH?", ex);
        }

        // git must never wait for input from a person.
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);

        var limit = timeout ?? DefaultTimeout;
        using var timeoutSource = limit == Timeout.InfiniteTimeSpan ? new CancellationTokenSource() : new CancellationTokenSource(limit, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            KillTree(process);
            await DrainAsync(stdout, stderr).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            var partialError = stderr.IsCompletedSuccessfully ? UrlRedaction.Redact(stderr.Result.Trim()) : "";
            throw new GitException(
                $"'{commandLine}' did not finish within {limit} and was stopped." + (partialError.Length > 0 ? " " + partialError : ""),
                commandLine,
                null,
                partialError)
            {
                TimedOut = true,
            };
        }

        return new GitCommandResult(commandLine, process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    /// <summary>Runs git and throws a <see cref="GitException"/> unless it succeeded.</summary>
    /// <param name="workingDirectory">Where git runs.</param>
    /// <param name="arguments">The git arguments.</param>
    /// <param name="cancellationToken">Kills git when cancelled.</param>
    /// <param name="timeout">The time limit.</param>
    /// <param name="environment">Extra variables.</param>
    /// <returns>The successful result.</returns>
    public async Task<GitCommandResult> RunCheckedAsync(
        string? workingDirectory,
        IReadOnlyList<string> arguments,
        CancellationToken cancellationToken,
        TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var result = await RunAsync(workingDirectory, arguments, cancellationToken, timeout, environment).ConfigureAwait(false);
        return result.EnsureSuccess();
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own in the meantime.
        }
    }

    private static async Task DrainAsync(Task<string> stdout, Task<string> stderr)
    {
        try
        {
            // The pipes close when the tree dies; the bound covers a grandchild that escaped the kill.
            await Task.WhenAll(stdout, stderr).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
    }

    private static string Quote(string argument)
        => argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'') ? argument : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
