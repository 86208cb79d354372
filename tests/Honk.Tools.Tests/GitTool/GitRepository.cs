using System.Diagnostics;
using Honk.Tools.Tests.Commands;

namespace Honk.Tools.Tests.Git;

/// <summary>A real repository with one commit on main, and a session worktree on branch honk/session.</summary>
internal sealed class GitRepository : IDisposable
{
    public const string SessionBranch = "honk/session";

    private readonly TempDirectory _folder = new("honk-git-");

    public GitRepository()
    {
        Main = _folder.Combine("main");
        Worktree = _folder.Combine("session");
        Directory.CreateDirectory(Main);
        Git(Main, "init", "-q", "-b", "main");
        File.WriteAllText(Path.Combine(Main, "README.md"), "# Demo\n");
        Directory.CreateDirectory(Path.Combine(Main, "src"));
        File.WriteAllText(Path.Combine(Main, "src", "app.txt"), "line one\nline two\n");
        Git(Main, "add", "-A");
        Git(Main, "commit", "-q", "-m", "Initial commit");
        Git(Main, "worktree", "add", "-q", "-b", SessionBranch, Worktree);
        Workspace = new TestWorkspace(Worktree, SessionBranch);
    }

    public string Main { get; }

    public string Worktree { get; }

    public TestWorkspace Workspace { get; }

    public string Combine(string relative) => Path.Combine(Worktree, relative);

    public static string Git(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["GIT_AUTHOR_NAME"] = "Test";
        start.Environment["GIT_AUTHOR_EMAIL"] = "test@example.com";
        start.Environment["GIT_COMMITTER_NAME"] = "Test";
        start.Environment["GIT_COMMITTER_EMAIL"] = "test@example.com";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {error}");
        }

        return output;
    }

    public void Dispose() => _folder.Dispose();
}
