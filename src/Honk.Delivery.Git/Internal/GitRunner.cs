using System.Collections;
using System.Diagnostics;
using System.Text;
using Honk.Workspaces.Git;

namespace Honk.Delivery.Git.Internal;

/// <summary>
/// Runs the git command-line client for delivery: an argument list (never a shell), the host's environment without
/// variables that would point git elsewhere, standard input closed, a time limit, and the process tree killed on
/// cancellation or timeout. Every text it returns is stripped of credentials.
/// </summary>
internal sealed class GitRunner
{
    // No hooks of the host or of a repository run on our side, and output is plain and unquoted.
    private static readonly string[] CommonArguments =
    [
        "-c", "core.hooksPath=/dev/null",
        "-c", "color.ui=false",
        "-c", "core.quotePath=false",
        "-c", "commit.gpgSign=false",
        "-c", "advice.detachedHead=false",
    ];

    // Transport settings a host may rely on to reach its remotes; every other GIT_* variable is dropped.
    private static readonly HashSet<string> KeptGitVariables = new(StringComparer.Ordinal)
    {
        "GIT_SSH", "GIT_SSH_COMMAND", "GIT_SSH_VARIANT", "GIT_SSL_CAINFO", "GIT_SSL_CAPATH", "GIT_PROXY_COMMAND",
        "GIT_HTTP_LOW_SPEED_LIMIT", "GIT_HTTP_LOW_SPEED_TIME",
    };

    private readonly string _executable;
    private readonly TimeSpan _defaultTimeout;
    private readonly TimeProvider _timeProvider;
    private readonly Dictionary<string, string> _environment;

    /// <summary>Creates a runner.</summary>
    /// <param name="executable">The git program.</param>
    /// <param name="defaultTimeout">The time limit of commands that do not name their own.</param>
    /// <param name="timeProvider">The clock for time limits.</param>
    public GitRunner(string executable, TimeSpan defaultTimeout, TimeProvider timeProvider)
    {
        _executable = executable;
        _defaultTimeout = defaultTimeout;
        _timeProvider = timeProvider;
        _environment = BuildEnvironment(Environment.GetEnvironmentVariables());
    }

    /// <summary>Runs git and returns whatever it returned, failure included.</summary>
    /// <param name="workingDirectory">Where git runs (passed as <c>-C</c>).</param>
    /// <param name="arguments">The git arguments, each one argv entry.</param>
    /// <param name="cancellationToken">Kills git when cancelled.</param>
    /// <param name="timeout">The time limit; the default when <see langword="null"/>.</param>
    /// <param name="environment">Extra variables (identity and dates of a commit).</param>
    /// <param name="secrets">Literal secrets to mask in the output, besides URL credentials.</param>
    /// <param name="redactOutput">False only to read a value that holds a credential on purpose (the push URL).</param>
    /// <returns>The exit code and output.</returns>
    /// <exception cref="GitException">git could not be started, or it ran past the time limit.</exception>
    public async Task<GitRunResult> RunAsync(
        string workingDirectory,
        IReadOnlyList<string> arguments,
        CancellationToken cancellationToken,
        TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null,
        IReadOnlyCollection<string>? secrets = null,
        bool redactOutput = true)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var commandLine = CredentialRedactor.Redact("git " + string.Join(' ', arguments), secrets);
        if (commandLine.Length > 300)
        {
            // A commit message is an argument; messages about a failure need the command, not the whole text.
            commandLine = commandLine[..300] + "...";
        }

        var startInfo = new ProcessStartInfo(_executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        startInfo.ArgumentList.Add("-C");
        startInfo.ArgumentList.Add(workingDirectory);
        foreach (var argument in CommonArguments.Concat(arguments))
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment.Clear();
        foreach (var (name, value) in _environment)
        {
            startInfo.Environment[name] = value;
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
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

        // git must never wait for a person to type a password.
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var limit = timeout ?? _defaultTimeout;
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
            throw new GitException($"'{commandLine}' did not finish within {limit} and was stopped.", commandLine, null, null) { TimedOut = true };
        }

        var output = await stdout.ConfigureAwait(false);
        return new GitRunResult(
            commandLine,
            process.ExitCode,
            redactOutput ? CredentialRedactor.Redact(output, secrets) : output,
            CredentialRedactor.Redact(await stderr.ConfigureAwait(false), secrets));
    }

    /// <summary>Runs git and throws a <see cref="GitException"/> unless it succeeded.</summary>
    /// <param name="workingDirectory">Where git runs.</param>
    /// <param name="arguments">The git arguments.</param>
    /// <param name="cancellationToken">Kills git when cancelled.</param>
    /// <param name="environment">Extra variables.</param>
    /// <returns>The successful result.</returns>
    public async Task<GitRunResult> RunCheckedAsync(
        string workingDirectory,
        IReadOnlyList<string> arguments,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var result = await RunAsync(workingDirectory, arguments, cancellationToken, environment: environment).ConfigureAwait(false);
        return result.EnsureSuccess();
    }

    /// <summary>Builds the environment git runs with from <paramref name="inherited"/>.</summary>
    /// <param name="inherited">The host's environment variables.</param>
    /// <returns>The variables.</returns>
    internal static Dictionary<string, string> BuildEnvironment(IDictionary inherited)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in inherited)
        {
            var name = (string)entry.Key;
            if (entry.Value is string value && (!name.StartsWith("GIT_", StringComparison.Ordinal) || KeptGitVariables.Contains(name)))
            {
                result[name] = value;
            }
        }

        result["GIT_TERMINAL_PROMPT"] = "0";
        result["GIT_CONFIG_NOSYSTEM"] = "1";
        result["GCM_INTERACTIVE"] = "never";
        result["GIT_ASKPASS"] = "";
        result["SSH_ASKPASS"] = "";
        result["LC_ALL"] = "C";
        result["LANGUAGE"] = "";
        if (!result.ContainsKey("GIT_SSH") && !result.ContainsKey("GIT_SSH_COMMAND"))
        {
            result["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes";
        }

        return result;
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
            await Task.WhenAll(stdout, stderr).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A grandchild that escaped the kill still holds the pipe; its output is not worth waiting for.
        }
    }
}
