using System.Diagnostics;
using System.Globalization;

namespace Honk.Tools;

/// <summary>
/// Runs commands inside a bubblewrap sandbox over one workspace: the host's file system read-only, the workspace
/// read-write at its own path, a private <c>/tmp</c> with the home folder in it, the host's home folders and
/// <c>/run</c> hidden, no network unless a request allows it, own PID/IPC/UTS namespaces, no capabilities, a scrubbed
/// environment, a cap on processes, a time limit that kills every process of the command, and output capped with
/// its head and tail kept. Without a usable bubblewrap it refuses (<see cref="SandboxUnavailableException"/>) unless
/// <see cref="SandboxOptions.AllowUnsandboxed"/> is set, and then warns loudly in the output.
/// </summary>
public sealed class SandboxedCommandRunner : ICommandRunner
{
    private const string WrapperName = "honk-sandbox";
    private readonly WorkspaceFence _fence;
    private readonly SandboxOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a runner for one workspace.</summary>
    /// <param name="workspaceRoot">The workspace root; it must exist.</param>
    /// <param name="options">The sandbox options; the defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    /// <exception cref="DirectoryNotFoundException">The workspace root does not exist.</exception>
    public SandboxedCommandRunner(string workspaceRoot, SandboxOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceRoot);
        _fence = new WorkspaceFence(workspaceRoot);
        _options = options ?? new SandboxOptions();
        _timeProvider = timeProvider ?? TimeProvider.System;
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxOutputLines, 2, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxLineLength, 16, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(_options.MaxProcesses, nameof(options));
    }

    /// <summary>The workspace root, with symbolic links resolved.</summary>
    public string WorkspaceRoot => _fence.RootPath;

    /// <summary>
    /// Tells whether commands will run inside bubblewrap here. The check runs once per bubblewrap path and process.
    /// </summary>
    /// <param name="options">The options naming the bubblewrap program; the defaults when <see langword="null"/>.</param>
    /// <returns><see langword="null"/> when the sandbox is usable; otherwise why it is not.</returns>
    public static async Task<string?> GetUnavailableReasonAsync(SandboxOptions? options = null)
        => (await BubblewrapDetector.DetectAsync(options?.BubblewrapPath).ConfigureAwait(false)).Reason;

    /// <inheritdoc />
    /// <exception cref="ToolException">The working directory is outside the workspace or not a folder.</exception>
    /// <exception cref="SandboxUnavailableException">bubblewrap cannot be used and unsandboxed runs are not allowed.</exception>
    public async Task<CommandResult> RunAsync(CommandRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.FileName, nameof(request));
        var workingDirectory = ResolveWorkingDirectory(request.WorkingDirectory);
        var timeout = request.Timeout ?? _options.DefaultTimeout;
        if (timeout <= TimeSpan.Zero || timeout > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(request), timeout, "The time limit must be positive and at most one day.");
        }

        var sandbox = await BubblewrapDetector.DetectAsync(_options.BubblewrapPath).ConfigureAwait(false);
        if (!sandbox.IsAvailable && !_options.AllowUnsandboxed)
        {
            throw new SandboxUnavailableException(
                $"Refusing to run '{request.FileName}': {sandbox.Reason}. Commands run only inside the bubblewrap sandbox; "
                + "install bubblewrap, or set SandboxOptions.AllowUnsandboxed to run them without any isolation (not recommended).");
        }

        var capture = new OutputCapture(_options.MaxOutputLines, _options.MaxLineLength);
        using var cgroup = _options.MaxProcesses > 0 ? PidsCgroup.TryCreate(_options.MaxProcesses) : null;
        string? hostHome = null;
        try
        {
            var command = new List<string>();
            string home;
            if (sandbox.IsAvailable)
            {
                home = BubblewrapArguments.SandboxHome;
                command.Add(sandbox.Path!);
                command.AddRange(BubblewrapArguments.Build(_fence.RootPath, workingDirectory, _options, request.AllowNetwork));
            }
            else
            {
                hostHome = Directory.CreateTempSubdirectory("honk-home-").FullName;
                home = hostHome;
                capture.AppendLine($"[honk] WARNING: this command ran WITHOUT a sandbox ({sandbox.Reason}). It could read and change "
                    + "anything the host user can and reach the network. The host allowed this with SandboxOptions.AllowUnsandboxed.");
            }

            command.Add(request.FileName);
            command.AddRange(request.Arguments);
            var start = Wrap(command, cgroup);
            start.WorkingDirectory = workingDirectory;
            SetEnvironment(start, home, sandbox.IsAvailable ? BubblewrapArguments.SandboxTemp : home, request);
            return await ProcessExecution.RunAsync(start, timeout, capture, cgroup is null ? null : cgroup.KillAll, _timeProvider, cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            if (hostHome is not null)
            {
                TryDeleteFolder(hostHome);
            }
        }
    }

    private string ResolveWorkingDirectory(string? requested)
    {
        if (string.IsNullOrEmpty(requested))
        {
            return _fence.RootPath;
        }

        var resolved = _fence.ResolveForRead(requested);
        return resolved.IsDirectory
            ? resolved.FullPath
            : throw new ToolException($"The working directory '{requested}' is not a folder of the workspace.");
    }

    private ProcessStartInfo Wrap(List<string> command, PidsCgroup? cgroup)
    {
        var shell = File.Exists("/bin/bash") ? "/bin/bash" : "/bin/sh";
        var start = new ProcessStartInfo(shell);
        start.ArgumentList.Add("-c");

        // The wrapper joins the cgroup before anything else starts, and merges stderr into stdout so the output
        // keeps its real order.
        if (cgroup is not null)
        {
            start.ArgumentList.Add("echo $$ > \"$1\" || exit 126; shift; exec \"$@\" 2>&1");
            start.ArgumentList.Add(WrapperName);
            start.ArgumentList.Add(cgroup.ProcsFile);
        }
        else if (_options.MaxProcesses > 0 && shell == "/bin/bash")
        {
            start.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"ulimit -u {_options.MaxProcesses} 2>/dev/null; exec \"$@\" 2>&1"));
            start.ArgumentList.Add(WrapperName);
        }
        else
        {
            start.ArgumentList.Add("exec \"$@\" 2>&1");
            start.ArgumentList.Add(WrapperName);
        }

        foreach (var argument in command)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private void SetEnvironment(ProcessStartInfo start, string home, string temp, CommandRequest request)
    {
        // Cleared first: the host's variables (tokens, keys, cloud credentials) never reach the command.
        start.Environment.Clear();
        start.Environment["PATH"] = _options.SearchPath
            ?? System.Environment.GetEnvironmentVariable("PATH")
            ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        start.Environment["LANG"] = System.Environment.GetEnvironmentVariable("LANG") is { Length: > 0 } lang ? lang : "C.UTF-8";
        start.Environment["HOME"] = home;
        start.Environment["TMPDIR"] = temp;
        start.Environment["TERM"] = "dumb";
        start.Environment["CI"] = "true";
        foreach (var (name, value) in _options.Environment)
        {
            start.Environment[name] = value;
        }

        foreach (var (name, value) in request.Environment)
        {
            start.Environment[name] = value;
        }
    }

    private static void TryDeleteFolder(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
