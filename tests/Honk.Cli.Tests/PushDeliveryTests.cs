using System.Diagnostics;
using Honk.Testing;

namespace Honk.Cli.Tests;

public sealed class PushDeliveryTests : IDisposable
{
    private const string Fix = """
        { "turns": [
          { "toolCalls": [ { "name": "edit_file", "arguments": { "path": "greeting.txt", "old_text": "wrld", "new_text": "world" } } ] },
          { "text": "Fixed the typo in the greeting." } ] }
        """;

    private readonly TemporaryDirectory _folder = new();
    private readonly GitDaemon _daemon;

    public PushDeliveryTests()
    {
        var remotes = _folder.Combine("remotes");
        Directory.CreateDirectory(remotes);
        Git(_folder.Path, "init", "--quiet", "--bare", "--initial-branch=main", Path.Combine(remotes, "app.git"));
        var seed = _folder.Combine("seed");
        Git(_folder.Path, "init", "--quiet", "--initial-branch=main", seed);
        File.WriteAllText(Path.Combine(seed, "greeting.txt"), "Hello, wrld!\n");
        Git(seed, "add", ".");
        Git(seed, "-c", "user.name=Dev", "-c", "user.email=dev@example.com", "commit", "--quiet", "-m", "greeting");
        _daemon = new GitDaemon(remotes);
        Git(seed, "push", "--quiet", _daemon.Url("app.git"), "main");
        _folder.WriteFile("fix.json", Fix);
    }

    public void Dispose()
    {
        _daemon.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task DeliverPush_FromAGitUrl_CreatesTheBranchOnTheRemote_WithTheChangeAndTrailers()
    {
        var run = await HonkProcess.RunAsync(_folder.Path, null, "run", "--repo", _daemon.Url("app.git"), "--task", "Fix the greeting's typo", "--model", "script:fix.json", "--deliver", "push", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json();
        var branch = json.GetProperty("branch").GetString()!;
        var bare = _folder.Combine("remotes/app.git");
        Assert.Contains("Hello, world!", Git(bare, "show", $"{branch}:greeting.txt"), StringComparison.Ordinal);
        var message = Git(bare, "log", "-1", "--format=%B", branch);
        Assert.Contains($"Honk-Session: {json.GetProperty("sessionId").GetString()}", message, StringComparison.Ordinal);
        Assert.Contains("Honk-Task-Digest: ", message, StringComparison.Ordinal);
        Assert.Contains("Honk-Model: script:fix.json", message, StringComparison.Ordinal);
        Assert.Equal(json.GetProperty("commit").GetString(), Git(bare, "rev-parse", branch).Trim());
    }

    [Fact]
    public async Task DeliverPush_FromALocalClone_PushesToItsOrigin_AndLeavesTheCloneAlone()
    {
        var clone = _folder.Combine("clone");
        Git(_folder.Path, "clone", "--quiet", _daemon.Url("app.git"), clone);
        var headBefore = Git(clone, "rev-parse", "HEAD");

        var run = await HonkProcess.RunAsync(_folder.Path, null, "run", "--repo", clone, "--task", "Fix the greeting's typo", "--model", "script:fix.json", "--deliver", "push", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var branch = run.Json().GetProperty("branch").GetString()!;
        Assert.Contains("Hello, world!", Git(_folder.Combine("remotes/app.git"), "show", $"{branch}:greeting.txt"), StringComparison.Ordinal);
        Assert.Equal(headBefore, Git(clone, "rev-parse", "HEAD"));
        Assert.Equal("Hello, wrld!\n", File.ReadAllText(Path.Combine(clone, "greeting.txt")));
    }

    [Fact]
    public async Task DeliverPr_WithoutAToken_IsAPlainError_AndLeavesNoWorktree()
    {
        var run = await HonkProcess.RunAsync(_folder.Path, new Dictionary<string, string?> { ["GITHUB_TOKEN"] = null, ["GH_TOKEN"] = null }, "run", "--repo", _daemon.Url("app.git"), "--task", "Fix the greeting's typo", "--model", "script:fix.json", "--deliver", "pr");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("GITHUB_TOKEN", run.Stderr, StringComparison.Ordinal);

        // The workspace is acquired while the run is composed; a run that fails before its session removes it again.
        var worktrees = Path.Combine(_folder.Path, ".cache", "honk", "worktrees");
        var leftovers = Directory.Exists(worktrees) ? Directory.GetDirectories(worktrees).SelectMany(Directory.GetFileSystemEntries).ToArray() : [];
        Assert.Empty(leftovers);
    }

    private static string Git(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"git {string.Join(' ', arguments)}: {error}");
    }
}
