using System.Diagnostics;
using System.Text;

namespace Honk.Tools.Internal;

/// <summary>
/// Runs a helper program (git, ripgrep) the tools themselves need, with arguments (no shell), streaming its standard
/// output record by record; the whole process tree is killed on cancellation, timeout, or when the reader has enough.
/// </summary>
internal static class ChildProcess
{
    private const int MaxErrorChars = 4000;

    /// <summary>Runs the program.</summary>
    /// <param name="fileName">The program.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="workingDirectory">Where it runs.</param>
    /// <param name="separator">The record separator of its output ('\n' or '\0').</param>
    /// <param name="onRecord">Called per record; returns false to stop the program early.</param>
    /// <param name="timeout">The time limit.</param>
    /// <param name="environment">Extra environment variables.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The exit code (-1 when stopped early) and standard error.</returns>
    /// <exception cref="TimeoutException">The time limit passed.</exception>
    public static async Task<(int ExitCode, string Error)> RunAsync(
        string fileName,
        IReadOnlyList<string> arguments,
        string workingDirectory,
        char separator,
        Func<string, bool> onRecord,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.StandardInput.Close();
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var token = timeoutSource.Token;
        var errorTask = ReadBoundedAsync(process.StandardError, token);
        var stoppedEarly = false;
        try
        {
            stoppedEarly = !await ReadRecordsAsync(process.StandardOutput, separator, onRecord, token).ConfigureAwait(false);
            if (stoppedEarly)
            {
                Kill(process);
            }

            await process.WaitForExitAsync(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"{Path.GetFileName(fileName)} did not finish within {timeout.TotalSeconds:0} seconds.");
        }

        var error = await errorTask.ConfigureAwait(false);
        return (stoppedEarly ? -1 : process.ExitCode, error);
    }

    private static async Task<bool> ReadRecordsAsync(StreamReader reader, char separator, Func<string, bool> onRecord, CancellationToken cancellationToken)
    {
        var buffer = new char[64 * 1024];
        var record = new StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != separator)
                {
                    continue;
                }

                record.Append(buffer, start, i - start);
                start = i + 1;
                if (!onRecord(record.ToString()))
                {
                    return false;
                }

                record.Clear();
            }

            record.Append(buffer, start, read - start);
        }

        return record.Length == 0 || onRecord(record.ToString());
    }

    private static async Task<string> ReadBoundedAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var buffer = new char[4096];
        var text = new StringBuilder();
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (text.Length < MaxErrorChars)
                {
                    text.Append(buffer, 0, Math.Min(read, MaxErrorChars - text.Length));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The output is only a diagnostic; a stopped process simply leaves it short.
        }

        return text.ToString();
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }
    }

    /// <summary>Finds a program on PATH.</summary>
    /// <param name="name">The program's name, or a path.</param>
    /// <returns>The full path, or <see langword="null"/> when not found.</returns>
    public static string? FindOnPath(string name)
    {
        if (name.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(name) ? name : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
    }
}
