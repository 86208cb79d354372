using System.Diagnostics;

namespace Honk.Delivery.Tests.Git.Infrastructure;

/// <summary>Runs git synchronously for test setup and assertions, isolated from the machine's configuration.</summary>
internal static class GitCommand
{
    public static string Run(string directory, params string[] arguments)
    {
        var (exitCode, output, error) = TryRun(directory, arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} in {directory} exited with {exitCode}: {error}");
        }

        return output;
    }

    public static (int ExitCode, string Output, string Error) TryRun(string directory, params string[] arguments)
    {
        var info = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        info.Environment["GIT_TERMINAL_PROMPT"] = "0";
        info.Environment["GIT_AUTHOR_NAME"] = "Other Person";
        info.Environment["GIT_AUTHOR_EMAIL"] = "other@example.invalid";
        info.Environment["GIT_COMMITTER_NAME"] = "Other Person";
        info.Environment["GIT_COMMITTER_EMAIL"] = "other@example.invalid";
        info.Environment["LC_ALL"] = "C";
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"git {string.Join(' ', arguments)} did not finish within 60 s.");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    public static string Head(string repository, string reference = "HEAD") => Run(repository, "rev-parse", reference).Trim();

    public static string? TryHead(string repository, string reference)
    {
        var (exitCode, output, _) = TryRun(repository, "rev-parse", "--verify", "--quiet", reference + "^{commit}");
        return exitCode == 0 ? output.Trim() : null;
    }

    /// <summary>Writes an executable hook script into a (bare) repository.</summary>
    public static void WriteHook(string gitDirectory, string name, string script)
    {
        var path = Path.Combine(gitDirectory, "hooks", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "#!/bin/sh\n" + script + "\n");
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }
}
