using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Honk.Tools;

/// <summary>
/// Runs commands inside a bubblewrap sandbox over one workspace. The sandbox mounts an allow-list (system folders and
/// configured toolchains read-only, <c>/etc</c> without its secret files, a private <c>/tmp</c> with the home folder
/// in it, the runner's session cache and the workspace read-write) and nothing else of the host; commands run as an
/// unprivileged user in their own user, PID, IPC and UTS namespaces, with no capabilities, no network unless a
/// request allows it (then with package managers' scripts off, and with <see cref="CommandRequest.ManifestView"/>
/// only the manifests visible), a scrubbed environment, a cap on processes, and a time limit that kills every process
/// of the command; output is capped with its head and tail kept. A sandbox killed by a signal the runner did not send
/// is run once more and, if killed again, reported as <see cref="CommandResult.InfrastructureFailure"/>. Without a
/// usable bubblewrap it refuses (<see cref="SandboxUnavailableException"/>) unless
/// <see cref="SandboxOptions.AllowUnsandboxed"/> is set, and then warns loudly in the output.
/// </summary>
public sealed class SandboxedCommandRunner : ICommandRunner, IDisposable
{
    private const string WrapperName = "honk-sandbox";
    private const int MaxAttempts = 2;
    private readonly WorkspaceFence _fence;
    private readonly SandboxOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly SessionCache _sessionCache;

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
        _sessionCache = new SessionCache(_fence.RootPath);
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

        // A sandbox killed from outside says nothing about the code: run it once more before reporting it.
        string? firstFailure = null;
        for (var attempt = 1; ; attempt++)
        {
            var result = await RunOnceAsync(request, workingDirectory, timeout, sandbox, cancellationToken).ConfigureAwait(false);
            if (result.InfrastructureFailure is null)
            {
                return firstFailure is null ? result : result with
                {
                    Output = $"[honk] the first attempt failed: {firstFailure}; this is the second attempt.\n{result.Output}",
                };
            }

            if (attempt == MaxAttempts)
            {
                return result;
            }

            firstFailure = result.InfrastructureFailure;
        }
    }

    /// <summary>Deletes the runner's session cache (packages restored by its commands).</summary>
    public void Dispose() => _sessionCache.Dispose();

    private async Task<CommandResult> RunOnceAsync(CommandRequest request, string workingDirectory, TimeSpan timeout, BubblewrapStatus sandbox, CancellationToken cancellationToken)
    {
        var capture = new OutputCapture(_options.MaxOutputLines, _options.MaxLineLength) { LineObserver = request.OutputLineObserver };
        using var cgroup = _options.MaxProcesses > 0 ? PidsCgroup.TryCreate(_options.MaxProcesses) : null;
        string? hostHome = null;
        string? statusFile = null;
        try
        {
            var command = new List<string>();
            string home;
            if (sandbox.IsAvailable)
            {
                home = BubblewrapArguments.SandboxHome;
                statusFile = SandboxScratch.NewStatusFile();
                command.Add(sandbox.Path!);
                command.AddRange(BubblewrapArguments.Build(Layout(request, workingDirectory), _options, sandbox.UserNamespace));
                if (!sandbox.UserNamespace && System.Environment.UserName == "root")
                {
                    capture.AppendLine("[honk] WARNING: user namespaces are unavailable here, so this command runs as root inside the sandbox (without capabilities).");
                }
            }
            else
            {
                if (request.ManifestView is not null)
                {
                    throw new SandboxUnavailableException(
                        $"Refusing to run '{request.FileName}' with a manifest-only view without bubblewrap ({sandbox.Reason}): only the sandbox can narrow what a restore sees.");
                }

                hostHome = Directory.CreateTempSubdirectory("honk-home-").FullName;
                home = hostHome;
                capture.AppendLine($"[honk] WARNING: this command ran WITHOUT a sandbox ({sandbox.Reason}). It could read and change "
                    + "anything the host user can and reach the network. The host allowed this with SandboxOptions.AllowUnsandboxed.");
            }

            command.Add(request.FileName);
            command.AddRange(request.Arguments);
            var start = Wrap(command, cgroup, statusFile);
            start.WorkingDirectory = request.ManifestView is null ? workingDirectory : _fence.RootPath;
            SetEnvironment(start, home, sandbox.IsAvailable ? BubblewrapArguments.SandboxTemp : home, request, sandbox.IsAvailable);
            return await ProcessExecution.RunAsync(start, timeout, capture, cgroup is null ? null : cgroup.KillAll, statusFile, _timeProvider, cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            if (hostHome is not null)
            {
                TryDeleteFolder(hostHome);
            }

            if (statusFile is not null)
            {
                TryDeleteFile(statusFile);
            }
        }
    }

    private SandboxLayout Layout(CommandRequest request, string workingDirectory)
    {
        var cache = _options.SessionCacheVariables.Count > 0 ? _sessionCache.HostPath : null;
        if (request.ManifestView is not { } view)
        {
            return new SandboxLayout(_fence.RootPath, workingDirectory, request.AllowNetwork, null, [], cache);
        }

        var (files, outputs) = ManifestFinder.Find(_fence.RootPath, view);
        return new SandboxLayout(_fence.RootPath, workingDirectory, request.AllowNetwork, files, outputs, cache);
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

    private ProcessStartInfo Wrap(List<string> command, PidsCgroup? cgroup, string? statusFile)
    {
        var shell = File.Exists("/bin/bash") ? "/bin/bash" : "/bin/sh";
        var start = new ProcessStartInfo(shell);
        start.ArgumentList.Add("-c");

        // The wrapper joins the cgroup before anything else starts, opens bubblewrap's status file as its fd 3, and
        // merges stderr into stdout so the output keeps its real order. It execs, so the runner's child is bubblewrap.
        var script = new StringBuilder();
        if (cgroup is not null)
        {
            script.Append("echo $$ > \"$1\" || exit 126; ");
        }
        else if (_options.MaxProcesses > 0 && shell == "/bin/bash")
        {
            script.Append(CultureInfo.InvariantCulture, $"ulimit -u {_options.MaxProcesses} 2>/dev/null; ");
        }

        if (statusFile is not null)
        {
            script.Append(CultureInfo.InvariantCulture, $"exec {BubblewrapArguments.StatusDescriptor}>\"$2\" || exit 126; ");
        }

        script.Append("shift 2; exec \"$@\" 2>&1");
        start.ArgumentList.Add(script.ToString());
        start.ArgumentList.Add(WrapperName);
        start.ArgumentList.Add(cgroup?.ProcsFile ?? "");
        start.ArgumentList.Add(statusFile ?? "");
        foreach (var argument in command)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private void SetEnvironment(ProcessStartInfo start, string home, string temp, CommandRequest request, bool sandboxed)
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

        if (sandboxed)
        {
            foreach (var variable in _options.SessionCacheVariables)
            {
                start.Environment[variable] = SessionCache.SandboxPathOf(variable);
            }
        }

        foreach (var (name, value) in request.Environment)
        {
            start.Environment[name] = value;
        }

        if (request.AllowNetwork)
        {
            // With the network on, no package's lifecycle script runs (npm and pnpm read npm_config_*; yarn 2+ reads
            // YARN_ENABLE_SCRIPTS; yarn 1 is given --ignore-scripts by the validator). Set last, so a request cannot
            // turn them back on. Not YARN_IGNORE_SCRIPTS: yarn 2+ refuses every install under it ("Unrecognized or
            // legacy configuration settings found: ignoreScripts"), arcanis/typanion's among them.
            start.Environment["npm_config_ignore_scripts"] = "true";
            start.Environment["YARN_ENABLE_SCRIPTS"] = "false";
        }
    }

    private static void TryDeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover status file is harmless.
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
