using System.Diagnostics;

namespace Honk.Server.Tests;

/// <summary>A bare "remote" repository in a temp folder, and a fake agent that pushes session branches to it.</summary>
internal sealed class GitRepo : IDisposable
{
    public GitRepo()
    {
        Root = Directory.CreateTempSubdirectory("honk-server-git-").FullName;
        Remote = Path.Combine(Root, "remote.git");
        Git(Root, "init", "-q", "--bare", "-b", "main", Remote);
        var seed = Path.Combine(Root, "seed");
        Git(Root, "clone", "-q", Remote, seed);
        Directory.CreateDirectory(Path.Combine(seed, "src"));
        File.WriteAllText(Path.Combine(seed, "src", "Cart.cs"), "namespace Shop;\n\npublic class Cart\n{\n    public decimal Total(Item[] items) => items.Sum(i => i.Price);\n}\n");
        Git(seed, "add", ".");
        Git(seed, "-c", "user.name=dev", "-c", "user.email=dev@example.com", "commit", "-qm", "init");
        Git(seed, "push", "-q", "origin", "HEAD:main");
    }

    public string Root { get; }

    public string Remote { get; }

    /// <summary>Does what an agent with push delivery does: a commit on a session branch, pushed to the remote.</summary>
    public SessionResult CommitSession(string sessionId, string? baseRef, string file, string content, string summary)
    {
        var work = Path.Combine(Root, "work-" + sessionId);
        Git(Root, "clone", "-q", Remote, work);
        var branch = $"honk/{sessionId}";
        Git(work, "checkout", "-q", "-b", branch, "origin/" + (baseRef ?? "main"));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(work, file))!);
        File.WriteAllText(Path.Combine(work, file), content);
        Git(work, "add", ".");
        Git(work, "-c", "user.name=Honk", "-c", "user.email=honk@localhost", "commit", "-qm", summary);
        Git(work, "push", "-q", "origin", branch);
        var commit = Git(work, "rev-parse", "HEAD").Trim();
        return new SessionResult
        {
            SessionId = sessionId, Status = SessionStatus.Succeeded, Summary = summary, Branch = branch, Commit = commit, ChangedFiles = [file], Turns = 4,
            Validators = [new ValidatorReport("dotnet", ValidationResult.Success("12 tests passed")), new ValidatorReport("format", ValidationResult.Skip("no .editorconfig"))],
            Verdict = Verdict.Approve("The change stays within the task."),
            Usage = new SessionUsage(12000, 800, 0.04m),
        };
    }

    public string Diff(string branch) => Git(Root, "--git-dir", Remote, "diff", branch + "~1", branch);

    public string Show(string rev) => Git(Root, "--git-dir", Remote, "show", rev);

    /// <summary>The remote branch's commit, or null when the branch does not exist (the fake GitHub's <c>BranchTip</c>).</summary>
    public string? Tip(string branch)
    {
        try
        {
            return Git(Root, "--git-dir", Remote, "rev-parse", "--verify", "-q", "refs/heads/" + branch).Trim();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public static string Git(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {stderr}");
        }

        return stdout.Result;
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
