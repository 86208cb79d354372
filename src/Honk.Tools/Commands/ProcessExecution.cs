using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Honk.Tools;

/// <summary>
/// Starts a process, captures its output in arrival order, and enforces the time limit and cancellation by killing
/// its whole tree (plus whatever <c>killEverything</c> can reach, such as a cgroup).
/// </summary>
internal static class ProcessExecution
{
    private const int StandardOutput = 1;
    private const int StandardError = 2;
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(2);

    /// <summary>Runs the process to completion, the time limit, or cancellation.</summary>
    /// <param name="start">What to start; redirection settings are overwritten.</param>
    /// <param name="timeout">The time limit.</param>
    /// <param name="capture">Where output goes.</param>
    /// <param name="killEverything">Extra cleanup that kills processes outside the tree, or <see langword="null"/>.</param>
    /// <param name="statusFile">Where bubblewrap writes its JSON status, to tell a sandbox killed from outside from a
    /// command that failed; <see langword="null"/> when the command is not sandboxed.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="cancellationToken">Cancels the run; the tree is killed and the exception rethrown.</param>
    /// <returns>The result (exit code -1 when the limit killed it).</returns>
    public static async Task<CommandResult> RunAsync(
        ProcessStartInfo start,
        TimeSpan timeout,
        OutputCapture capture,
        Action? killEverything,
        string? statusFile,
        TimeProvider timeProvider,
        CancellationToken cancellationToken = default)
    {
        start.UseShellExecute = false;
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.StandardOutputEncoding = Encoding.UTF8;
        start.StandardErrorEncoding = Encoding.UTF8;

        var began = timeProvider.GetTimestamp();
        using var process = new Process { StartInfo = start };

        // Forked from the launcher thread, never from this (thread-pool) thread: see ProcessLauncher.
        await ProcessLauncher.StartAsync(process).ConfigureAwait(false);
        process.StandardInput.Close();
        var pumps = Task.WhenAll(
            PumpAsync(process.StandardOutput, StandardOutput, capture),
            PumpAsync(process.StandardError, StandardError, capture));

        using var limit = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        var killed = false;
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            killed = true;
            Kill(process, killEverything);
        }

        // Output may still be in flight; a leftover process that holds the pipe must not hold us too.
        if (await Task.WhenAny(pumps, Task.Delay(DrainGrace, CancellationToken.None)).ConfigureAwait(false) != pumps)
        {
            killEverything?.Invoke();
            await Task.WhenAny(pumps, Task.Delay(DrainGrace, CancellationToken.None)).ConfigureAwait(false);
        }

        var duration = timeProvider.GetElapsedTime(began);
        cancellationToken.ThrowIfCancellationRequested();
        if (killed)
        {
            capture.AppendLine(string.Create(CultureInfo.InvariantCulture, $"[honk] time limit of {Describe(timeout)} exceeded: the command and all its processes were killed."));
            return new CommandResult(-1, capture.ToString(), duration) { TimedOut = true, OutputTruncated = capture.Truncated };
        }

        var exitCode = process.ExitCode;
        var failure = statusFile is null ? null : SandboxExit.Classify(statusFile, exitCode);
        if (failure is not null)
        {
            capture.AppendLine("[honk] " + failure.Value.Reason + ". This is a failure of the host, not of the code.");
        }

        return new CommandResult(exitCode, capture.ToString(), duration)
        {
            OutputTruncated = capture.Truncated,
            KilledBySignal = failure?.Signal,
            InfrastructureFailure = failure?.Reason,
        };
    }

    /// <summary>A short human form of a duration: "300 ms", "2.5 s", "5 min".</summary>
    /// <param name="duration">The duration.</param>
    /// <returns>The text.</returns>
    public static string Describe(TimeSpan duration) => duration.TotalSeconds switch
    {
        < 1 => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0} ms"),
        < 120 => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.#} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMinutes:0.#} min"),
    };

    private static void Kill(Process process, Action? killEverything)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // It exited in the meantime.
        }

        killEverything?.Invoke();
        try
        {
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Nothing left to wait for.
        }
    }

    private static async Task PumpAsync(StreamReader reader, int source, OutputCapture capture)
    {
        var buffer = new char[8192];
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer.AsMemory(), CancellationToken.None).ConfigureAwait(false)) > 0)
            {
                capture.Append(source, buffer.AsSpan(0, read));
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe was closed under us after a kill.
        }

        capture.Complete(source);
    }
}
