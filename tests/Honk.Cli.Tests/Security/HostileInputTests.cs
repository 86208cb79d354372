using System.Text.Json;
using Honk.Testing;

namespace Honk.Cli.Tests.Security;

/// <summary>
/// <c>honk run</c> as an outside attacker drives it: a repository and a model that try to make Honk's own git run their
/// programs, text that tries to take over the person's terminal, a repository URL carrying a password.
/// </summary>
[Trait("Category", "Security")]
public sealed class HostileInputTests : IAsyncLifetime
{
    private const string Password = "Sup3rS3cretPassw0rdForTheRemote";
    private readonly TemporaryDirectory _folder = new();
    private TemporaryGitRepository _repo = null!;

    public async ValueTask InitializeAsync()
        => _repo = await TemporaryGitRepository.CreateAsync(cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _repo.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Run_ModelTurnsAFolderIntoANestedRepository_HonksGitRunsNoProgramOfIt()
    {
        // The repository carries a nested repository's data under another name; the model renames it to .git inside the
        // sandbox (allowed: only the workspace's own .git is read-only there). Its config names programs for git to run.
        var marker = _folder.Combine("nested-config-ran");
        var template = _folder.Combine("template");
        Directory.CreateDirectory(template);
        await GitAsync(template, "init", "-q", "-b", "main");
        File.WriteAllText(Path.Combine(template, "f"), "x\n");
        await GitAsync(template, "add", "f");
        await GitAsync(template, "-c", "user.name=n", "-c", "user.email=n@e", "commit", "-q", "-m", "nested");
        File.AppendAllText(
            Path.Combine(template, ".git", "config"),
            $"[core]\n\tfsmonitor = \"touch '{marker}'; false\"\n[filter \"ev\"]\n\tclean = \"touch '{marker}'; cat\"\n");
        File.WriteAllText(Path.Combine(template, ".git", "info", "attributes"), "* filter=ev\n");
        CopyFolder(Path.Combine(template, ".git"), Path.Combine(_repo.Path, "vendor", "lib", "dotgit"));
        File.WriteAllText(Path.Combine(_repo.Path, "vendor", "lib", "f"), "x\n");
        await _repo.CommitAllAsync("vendored library", TestContext.Current.CancellationToken);
        _folder.WriteFile("nested.json", Script(
            Call("run_command", new { command = "mv vendor/lib/dotgit vendor/lib/.git" }),
            Call("git", new { args = "add vendor/lib" }),
            Call("write_file", new { path = "vendor/lib/f", content = "y\n" }),
            Call("write_file", new { path = "README.md", content = "# Changed\n" }),
            Call("git", new { args = "status" }),
            Call("git", new { args = "add --all" }),
            Text("Done.")));

        var run = await RunAsync("nested.json", "Change the README", "--deliver", "branch", "--json");

        Assert.False(File.Exists(marker), "a program named by the nested repository's config ran outside the sandbox\n" + run);
        Assert.True(run.ExitCode == 0, run.ToString());
        var branch = run.Json().GetProperty("branch").GetString()!;
        var tree = await _repo.RunGitAsync(["ls-tree", "-r", branch], TestContext.Current.CancellationToken);
        Assert.DoesNotContain("160000", tree, StringComparison.Ordinal);
        Assert.Contains("# Changed", await _repo.RunGitAsync(["show", branch + ":README.md"], TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("rm -rf vendor/lib/.git", Transcript(run), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_HumanOutput_ShowsControlSequencesFromTaskModelAndFilesAsEscapes()
    {
        const string Hostile = "\u001b]0;PWNED\u0007\u001b[2J\u001b[31mred\u202Eevil\rX";
        _repo.WriteFile("notes" + "\u001b[31m" + ".txt", "note " + Hostile + "\n");
        await _repo.CommitAllAsync("a file with an escape in its name", TestContext.Current.CancellationToken);
        _folder.WriteFile("escapes.json", Script(
            Call("list_files", new { }),
            Call("read_file", new { path = "notes\u001b[31m.txt" }),
            Call("run_command", new { command = "printf '\\033]0;T2\\007\\033[2Jboom'" }),
            Text("All done " + Hostile)));

        var run = await RunAsync("escapes.json", "Look around " + Hostile, "--deliver", "none", "--verbose");

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var (name, text) in new[] { ("stdout", run.Stdout), ("stderr", run.Stderr) })
        {
            Assert.False(text.Contains('\u001b', StringComparison.Ordinal), $"{name} holds a raw ESC:\n{text}");
            Assert.False(text.Contains('\u0007', StringComparison.Ordinal), $"{name} holds a raw BEL");
            Assert.False(text.Contains('\u202E', StringComparison.Ordinal), $"{name} holds a raw right-to-left override");
            Assert.False(text.Contains('\r', StringComparison.Ordinal), $"{name} holds a raw carriage return");
        }

        Assert.Contains("All done \\x1B]0;PWNED\\x07\\x1B[2J", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--json")]
    [InlineData("--verbose")]
    public async Task Run_RepositoryUrlWithAPassword_FailsWithoutEchoingThePassword(string mode)
    {
        _folder.WriteFile("idle.json", Script(Text("nothing")));

        var run = await RunAsync("idle.json", "x", "--repo-url", $"https://bob:{Password}@127.0.0.1:9/shop.git", mode);

        Assert.NotEqual(0, run.ExitCode);
        Assert.DoesNotContain(Password, run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:9/shop.git", run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ModelReplacesATrackedFileWithAFifo_EndsWithAMessageNamingItAndNothingHangs()
    {
        // The real `honk run` ended "failed · Internal error: GitException: 'git add --all' failed: error: a.txt: can
        // only add regular files…". Nothing may open the FIFO (it would wait for a writer forever).
        Assert.SkipUnless(File.Exists("/usr/bin/python3"), "needs python3 to make a FIFO inside the sandbox");
        _folder.WriteFile("fifo.json", Script(
            Call("run_command", new { command = "python3 -c \"import os; os.remove('README.md'); os.mkfifo('README.md')\"" }),
            Call("read_file", new { path = "README.md" }),
            Call("search", new { pattern = "test" }),
            Call("git", new { args = "status --short" }),
            Text("Done.")));

        var run = await RunAsync("fifo.json", "Change the README", "--deliver", "branch", "--json");

        var result = run.Json();
        Assert.Equal("failed", result.GetProperty("status").GetString());
        var message = result.GetProperty("message").GetString()!;
        Assert.Contains("'README.md' is a named pipe (FIFO)", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Internal error", message, StringComparison.Ordinal);
        Assert.Contains("is a named pipe (FIFO); tools only read and write regular files", Transcript(run), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ConfigFileOfAnEndlessDevice_EndsWithAClearError()
    {
        // The real `honk run --config /dev/zero` read until memory ran out: "Unhandled exception: OutOfMemoryException".
        _folder.WriteFile("idle.json", Script(Text("nothing")));

        var run = await RunAsync("idle.json", "x", "--config", "/dev/zero");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("longer than 1,000,000 characters", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("OutOfMemory", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    private Task<HonkRun> RunAsync(string script, string task, params string[] extra)
    {
        var repository = _repo.Path;
        var index = Array.IndexOf(extra, "--repo-url");
        if (index >= 0)
        {
            repository = extra[index + 1];
            extra = [.. extra.Take(index), .. extra.Skip(index + 2)];
        }

        return HonkProcess.RunAsync(
            _folder.Path,
            new Dictionary<string, string?> { ["NO_COLOR"] = "1" },
            ["run", "--repo", repository, "--task", task, "--model", "script:" + script, "--no-judge", "--transcripts", _folder.Combine("transcripts"), .. extra]);
    }

    private string Transcript(HonkRun run)
        => string.Concat(Directory.GetFiles(_folder.Combine("transcripts"), "*.jsonl").Select(File.ReadAllText)) + run.Stdout;

    private static string Script(params object[] turns) => JsonSerializer.Serialize(new { turns });

    private static object Call(string name, object arguments) => new { toolCalls = new[] { new { name, arguments } } };

    private static object Text(string text) => new { text };

    private static async Task GitAsync(string directory, params string[] arguments)
    {
        using var repo = new System.Diagnostics.Process
        {
            StartInfo = new System.Diagnostics.ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true },
        };
        foreach (var argument in arguments)
        {
            repo.StartInfo.ArgumentList.Add(argument);
        }

        repo.StartInfo.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        repo.StartInfo.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        repo.Start();
        var error = await repo.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await repo.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await repo.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(repo.ExitCode == 0, error);
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
