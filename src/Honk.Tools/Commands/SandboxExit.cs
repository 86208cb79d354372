using System.Globalization;

namespace Honk.Tools;

/// <summary>
/// Reads bubblewrap's JSON status (<c>--json-status-fd</c>) to tell how a sandbox ended. bubblewrap writes a
/// <c>child-pid</c> record once the command started and an <c>exit-code</c> record when the command ended, whatever
/// the command's own exit was (a test that segfaults is reported there too). A sandbox that exited with a signal's
/// code and no <c>exit-code</c> record was itself killed from outside; one that never wrote <c>child-pid</c> could not
/// be set up.
/// </summary>
internal static class SandboxExit
{
    /// <summary>Classifies the end of a sandbox the runner did not kill.</summary>
    /// <param name="statusFile">bubblewrap's status file.</param>
    /// <param name="exitCode">The exit code the runner saw (128 + N when killed by signal N).</param>
    /// <returns>The infrastructure failure, or <see langword="null"/> when the command itself ended.</returns>
    public static (string? Signal, string Reason)? Classify(string statusFile, int exitCode)
    {
        string status;
        try
        {
            status = File.Exists(statusFile) ? File.ReadAllText(statusFile) : "";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            status = "";
        }

        if (status.Contains("\"exit-code\"", StringComparison.Ordinal))
        {
            return null;
        }

        if (exitCode > 128 && exitCode < 128 + 65)
        {
            var signal = SignalName(exitCode - 128);
            return (signal, $"the sandbox was killed by {signal}, a signal Honk did not send (not the time limit, not a cancellation)");
        }

        if (exitCode != 0 && !status.Contains("\"child-pid\"", StringComparison.Ordinal))
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"the sandbox could not be set up (exit code {exitCode}; see bubblewrap's message above)"));
        }

        return null;
    }

    /// <summary>The name of a Linux signal number, e.g. 9 → SIGKILL.</summary>
    /// <param name="number">The number.</param>
    /// <returns>The name.</returns>
    public static string SignalName(int number) => number switch
    {
        1 => "SIGHUP",
        2 => "SIGINT",
        3 => "SIGQUIT",
        4 => "SIGILL",
        5 => "SIGTRAP",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        10 => "SIGUSR1",
        11 => "SIGSEGV",
        12 => "SIGUSR2",
        13 => "SIGPIPE",
        14 => "SIGALRM",
        15 => "SIGTERM",
        24 => "SIGXCPU",
        25 => "SIGXFSZ",
        _ => string.Create(CultureInfo.InvariantCulture, $"signal {number}"),
    };
}
