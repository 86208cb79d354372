using System.Diagnostics;

namespace Honk.Git.Tests;

/// <summary>A temporary folder with real git repositories, made with the git program (isolated from the host's config).</summary>
internal sealed class Scratch : IDisposable
{
    public Scratch() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "honk-git-tests", Guid.NewGuid().ToString("N")[..10]);

    /// <summary>A repository on <c>main</c> with one commit of <c>a.txt</c> and <c>src/b.cs</c>.</summary>
    public string CreateRepository(string name = "repo")
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(Path.Combine(path, "src"));
        File.WriteAllText(Path.Combine(path, "a.txt"), "a\n");
        File.WriteAllText(Path.Combine(path, "src", "b.cs"), "class B {}\n");
        Git(path, "init", "--quiet", "--initial-branch=main");
        Git(path, "add", "--all");
        Git(path, "commit", "--quiet", "-m", "Initial");
        return path;
    }

    public static string Git(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_AUTHOR_NAME"] = "Test";
        start.Environment["GIT_AUTHOR_EMAIL"] = "test@example.invalid";
        start.Environment["GIT_COMMITTER_NAME"] = "Test";
        start.Environment["GIT_COMMITTER_EMAIL"] = "test@example.invalid";

        // Fixed dates: two repositories made the same way hold the same commits.
        start.Environment["GIT_AUTHOR_DATE"] = "2025-01-01T00:00:00+00:00";
        start.Environment["GIT_COMMITTER_DATE"] = "2025-01-01T00:00:00+00:00";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output.Result : throw new InvalidOperationException($"git {string.Join(' ', arguments)}: {error}");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
