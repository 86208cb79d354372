using System.Diagnostics;
using System.Text;

namespace Honk.Workspaces.Git.Tests.Infrastructure;

/// <summary>Runs the real git client for test setup and inspection, isolated from the machine's git config.</summary>
internal static class GitTool
{
    public static string Run(string directory, params string[] arguments) => RunRaw(directory, arguments).EnsureSuccess().Output;

    public static (int ExitCode, string Output, string Error) TryRun(string directory, params string[] arguments)
    {
        var result = RunRaw(directory, arguments);
        return (result.ExitCode, result.Output, result.Error);
    }

    public static Result RunRaw(string directory, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("git")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add("-C");
        info.ArgumentList.Add(directory);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("GIT_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        info.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        info.Environment["GIT_TERMINAL_PROMPT"] = "0";
        info.Environment["GIT_AUTHOR_NAME"] = "Test User";
        info.Environment["GIT_AUTHOR_EMAIL"] = "test@example.com";
        info.Environment["GIT_COMMITTER_NAME"] = "Test User";
        info.Environment["GIT_COMMITTER_EMAIL"] = "test@example.com";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("git " + string.Join(' ', arguments) + " hung");
        }

        return new Result(string.Join(' ', arguments), process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Creates a repository on branch main with a first commit holding <paramref name="files"/>.</summary>
    public static string InitRepository(string path, IReadOnlyDictionary<string, string>? files = null)
    {
        Directory.CreateDirectory(path);
        Run(path, "init", "--quiet", "--initial-branch=main");
        foreach (var (name, content) in files ?? new Dictionary<string, string> { ["README.md"] = "# demo\n" })
        {
            WriteFile(path, name, content);
        }

        Run(path, "add", "--all");
        Run(path, "commit", "--quiet", "-m", "initial");
        return path;
    }

    public static string Commit(string repository, string file, string content, string message = "change")
    {
        WriteFile(repository, file, content);
        Run(repository, "add", "--all");
        Run(repository, "commit", "--quiet", "-m", message);
        return Head(repository);
    }

    public static string Head(string repository, string reference = "HEAD") => Run(repository, "rev-parse", reference).Trim();

    public static void WriteFile(string root, string relativePath, string content)
    {
        var full = Path.Combine(root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    internal sealed record Result(string Command, int ExitCode, string Output, string Error)
    {
        public Result EnsureSuccess() => ExitCode == 0 ? this : throw new InvalidOperationException($"git {Command} failed ({ExitCode}): {Error}");
    }
}
