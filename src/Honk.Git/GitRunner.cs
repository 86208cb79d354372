using System.Diagnostics;
using System.Text;

namespace Honk.Git;

/// <summary>
/// Runs the git command-line client, Honk's only way of starting git: an argument list (never a shell), the
/// environment of <see cref="GitRunnerOptions.Environment"/> (nothing else inherited), standard input closed, a time
/// limit, and the whole process tree killed on cancellation or timeout. Credentials never reach a message.
/// </summary>
/// <remarks>Thread-safe: one runner serves concurrent commands.</remarks>
public sealed class GitRunner
{
    private const int MaxCommandLineLength = 300;
    private readonly string _executable;
    private readonly TimeProvider _timeProvider;
    private readonly string[] _configuration;
    private readonly Dictionary<string, string> _environment;
    private readonly bool _redactStandardOutput;

    /// <summary>Creates a runner.</summary>
    /// <param name="options">The settings; defaults when <see langword="null"/>. Copied here.</param>
    /// <param name="timeProvider">The clock for time limits; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The executable is empty or the default timeout is not positive.</exception>
    public GitRunner(GitRunnerOptions? options = null, TimeProvider? timeProvider = null)
    {
        options ??= new GitRunnerOptions();
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Executable, nameof(options));
        if (options.DefaultTimeout <= TimeSpan.Zero && options.DefaultTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.DefaultTimeout, "DefaultTimeout must be positive.");
        }

        _executable = options.Executable;
        DefaultTimeout = options.DefaultTimeout;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _configuration = [.. options.Configuration.SelectMany(setting => (string[])["-c", setting.Key + "=" + setting.Value])];
        _environment = options.Environment is null
            ? GitEnvironment.FromHost()
            : new Dictionary<string, string>(options.Environment, StringComparer.Ordinal);
        _redactStandardOutput = options.RedactStandardOutput;
    }

    /// <summary>The time limit of commands that do not name their own.</summary>
    public TimeSpan DefaultTimeout { get; }

    /// <summary>The git program this runner starts.</summary>
    public string Executable => _executable;

    /// <summary>Runs git and returns whatever it returned, failure included.</summary>
    /// <param name="workingDirectory">Where git runs (passed as <c>-C</c>).</param>
    /// <param name="arguments">The git arguments, each one argv entry.</param>
    /// <param name="cancellationToken">Kills git when cancelled.</param>
    /// <param name="timeout">The time limit; <see cref="DefaultTimeout"/> when <see langword="null"/>.</param>
    /// <param name="environment">Extra variables, e.g. <c>GIT_INDEX_FILE</c> for a temporary index.</param>
    /// <returns>The exit code and output.</returns>
    /// <exception cref="GitException">git could not be started, or it ran past the time limit.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<GitResult> RunAsync(
        string? workingDirectory,
        IReadOnlyList<string> arguments,
        CancellationToken cancellationToken,
        TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null)
        => RunAsync(new GitCommand(workingDirectory, arguments) { Timeout = timeout, Environment = environment }, cancellationToken);

    /// <summary>Runs git and throws a <see cref="GitException"/> unless it succeeded.</summary>
    /// <param name="workingDirectory">Where git runs.</param>
    /// <param name="arguments">The git arguments.</param>
    /// <param name="cancellationToken">Kills git when cancelled.</param>
    /// <param name="timeout">The time limit.</param>
    /// <param name="environment">Extra variables.</param>
    /// <returns>The successful result.</returns>
    /// <exception cref="GitException">git failed, could not be started, or ran past the time limit.</exception>
    public async Task<GitResult> RunCheckedAsync(
        string? workingDirectory,
        IReadOnlyList<string> arguments,
        CancellationToken cancellationToken,
        TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var result = await RunAsync(workingDirectory, arguments, cancellationToken, timeout, environment).ConfigureAwait(false);
        return result.EnsureSuccess();
    }

    /// <summary>Runs git and returns whatever it returned, failure included.</summary>
    /// <param name="command">What to run.</param>
    /// <param name="cancellationToken">Kills git when cancelled.</param>
    /// <returns>The exit code and output.</returns>
    /// <exception cref="GitException">git could not be started, or it ran past the time limit (<see cref="GitException.TimedOut"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<GitResult> RunAsync(GitCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        cancellationToken.ThrowIfCancellationRequested();
        var commandLine = Describe(command);
        using var process = new Process { StartInfo = CreateStartInfo(command) };
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
        using var stopSource = new CancellationTokenSource();
        var observer = command.Observer;
        var stdout = observer is null ? process.StandardOutput.ReadToEndAsync(CancellationToken.None) : PumpAsync(process.StandardOutput, GitOutputStream.StandardOutput, observer, stopSource);
        var stderr = observer is null ? process.StandardError.ReadToEndAsync(CancellationToken.None) : PumpAsync(process.StandardError, GitOutputStream.StandardError, observer, stopSource);

        var limit = command.Timeout ?? DefaultTimeout;
        using var timeoutSource = limit == Timeout.InfiniteTimeSpan ? new CancellationTokenSource() : new CancellationTokenSource(limit, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token, stopSource.Token);
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            KillTree(process);
            await DrainAsync(stdout, stderr).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (stopSource.IsCancellationRequested && !timeoutSource.IsCancellationRequested)
            {
                return new GitResult(commandLine, -1, "", "") { StoppedEarly = true };
            }

            var partialError = stderr.IsCompletedSuccessfully ? GitRedaction.Redact(stderr.Result.Trim(), command.Secrets) : "";
            throw new GitException(
                $"'{commandLine}' did not finish within {limit} and was stopped." + (partialError.Length > 0 ? " " + partialError : ""),
                commandLine,
                null,
                partialError)
            {
                TimedOut = true,
            };
        }

        var output = await stdout.ConfigureAwait(false);
        var error = await stderr.ConfigureAwait(false);
        return new GitResult(
            commandLine,
            stopSource.IsCancellationRequested ? -1 : process.ExitCode,
            command.RedactStandardOutput ?? _redactStandardOutput ? GitRedaction.Redact(output, command.Secrets) : output,
            GitRedaction.Redact(error, command.Secrets))
        {
            StoppedEarly = stopSource.IsCancellationRequested,
        };
    }

    private ProcessStartInfo CreateStartInfo(GitCommand command)
    {
        var startInfo = new ProcessStartInfo(_executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
        };
        if (command.WorkingDirectory is not null)
        {
            startInfo.ArgumentList.Add("-C");
            startInfo.ArgumentList.Add(command.WorkingDirectory);
        }

        foreach (var argument in _configuration.Concat(command.Arguments))
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment.Clear();
        foreach (var (name, value) in _environment)
        {
            startInfo.Environment[name] = value;
        }

        foreach (var (name, value) in command.Environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        return startInfo;
    }

    private static string Describe(GitCommand command)
    {
        var commandLine = GitRedaction.Redact("git " + string.Join(' ', command.Arguments.Select(Quote)), command.Secrets);

        // A commit message is an argument; a message about a failure needs the command, not the whole text.
        return commandLine.Length > MaxCommandLineLength ? commandLine[..MaxCommandLineLength] + "..." : commandLine;
    }

    private static async Task<string> PumpAsync(StreamReader reader, GitOutputStream stream, IGitOutputObserver observer, CancellationTokenSource stop)
    {
        var buffer = new char[16 * 1024];
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer.AsMemory(), CancellationToken.None).ConfigureAwait(false)) > 0)
            {
                if (!stop.IsCancellationRequested && !observer.OnOutput(stream, buffer.AsSpan(0, read)))
                {
                    await stop.CancelAsync().ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe was closed under us after a kill.
        }

        observer.OnCompleted(stream);
        return "";
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
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

    private static string Quote(string argument)
        => argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'') ? argument : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
