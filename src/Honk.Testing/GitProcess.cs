using System.Diagnostics;
using System.Text;

namespace Honk.Testing;

/// <summary>Runs the git command line, isolated from the machine's global and system configuration.</summary>
internal static class GitProcess
{
    public const string AuthorName = "Honk Test";
    public const string AuthorEmail = "test@honk.invalid";

    // A fixed date makes commit ids reproducible from run to run.
    public const string FixedDate = "2025-01-01T00:00:00+00:00";

    public static async Task<string> RunAsync(
        string workingDirectory,
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken cancellationToken = default)
    {
        var (exitCode, output, error) = await TryRunAsync(workingDirectory, arguments, environment, cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} exited with {exitCode}: {error.Trim()}");
        }

        return output;
    }

    public static async Task<(int ExitCode, string Output, string Error)> TryRunAsync(
        string workingDirectory,
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var info = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        info.Environment["GIT_TERMINAL_PROMPT"] = "0";
        info.Environment["GIT_AUTHOR_NAME"] = AuthorName;
        info.Environment["GIT_AUTHOR_EMAIL"] = AuthorEmail;
        info.Environment["GIT_COMMITTER_NAME"] = AuthorName;
        info.Environment["GIT_COMMITTER_EMAIL"] = AuthorEmail;
        info.Environment["GIT_AUTHOR_DATE"] = FixedDate;
        info.Environment["GIT_COMMITTER_DATE"] = FixedDate;
        info.Environment["LC_ALL"] = "C";
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("git could not be started.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }
}
