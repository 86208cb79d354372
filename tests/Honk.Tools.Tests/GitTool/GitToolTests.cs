using System.Globalization;

namespace Honk.Tools.Tests.Git;

[Collection(Honk.Tools.Tests.Support.ProcessEnvironmentCollection.Name)]
public sealed class GitToolTests : IDisposable
{
    private readonly GitRepository _repo = new();
    private readonly GitTool _tool = new(new GitToolOptions { AuthorName = "Honk Bot", AuthorEmail = "bot@honk.test" });

    public void Dispose() => _repo.Dispose();

    private Task<string> Git(object args) => _repo.Workspace.InvokeAsync(_tool, new { args });

    private async Task<string> Refused(object args)
    {
        var error = await Assert.ThrowsAsync<ToolException>(() => Git(args));
        return error.Message;
    }

    [Fact]
    public void Metadata_NameSchemaAndTraits_AreFixed()
    {
        Assert.Equal("git", _tool.Name);
        Assert.False(_tool.IsReadOnly());
        Assert.Equal("args", _tool.JsonSchema.GetProperty("required")[0].GetString());
    }

    [Fact]
    public void Metadata_ArgsDescription_AgreesWithTheSchemasStringType()
    {
        // The session's argument check follows the schema (string) and refused the array the description offered.
        var args = _tool.JsonSchema.GetProperty("properties").GetProperty("args");

        Assert.Equal("string", args.GetProperty("type").GetString());
        Assert.DoesNotContain("array of strings is accepted", args.GetProperty("description").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Status_ModifiedFile_Listed()
    {
        await File.AppendAllTextAsync(_repo.Combine("src/app.txt"), "line three\n", TestContext.Current.CancellationToken);

        var result = await Git("status --short");

        Assert.Equal(" M src/app.txt", result);
    }

    [Fact]
    public async Task Args_AsArrayOrWithLeadingGit_Accepted()
    {
        var fromArray = await Git(new[] { "log", "--format=%s by %an", "-n", "1" });
        var fromString = await Git("git log '--format=%s by %an' -n 1");

        Assert.Equal("Initial commit by Test", fromArray);
        Assert.Equal(fromArray, fromString);
    }

    [Fact]
    public async Task Diff_Change_ShowsPatch()
    {
        await File.AppendAllTextAsync(_repo.Combine("src/app.txt"), "line three\n", TestContext.Current.CancellationToken);

        var result = await Git("diff HEAD -- src");

        Assert.Contains("+line three", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAndCommit_UsesConfiguredIdentityAndSkipsHooks()
    {
        var hook = Path.Combine(_repo.Main, ".git", "hooks", "pre-commit");
        var hookRan = Path.Combine(_repo.Main, "hook-ran");
        await File.WriteAllTextAsync(hook, $"#!/bin/sh\ntouch {hookRan}\nexit 1\n", TestContext.Current.CancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        await File.WriteAllTextAsync(_repo.Combine("new.txt"), "new\n", TestContext.Current.CancellationToken);

        await Git("add new.txt");
        await Git("commit -m 'Add new file'");
        var log = await Git("log -n 1 --format=%an|%ae|%cn|%ce|%s");

        Assert.Equal("Honk Bot|bot@honk.test|Honk Bot|bot@honk.test|Add new file", log);
        Assert.False(File.Exists(hookRan), "a repository hook ran");
        Assert.Equal("honk/session", GitRepository.Git(_repo.Worktree, "branch", "--show-current").Trim());
    }

    [Theory]
    [InlineData("branch --show-current", "honk/session")]
    [InlineData("rev-parse --abbrev-ref HEAD", "honk/session")]
    [InlineData("ls-files", "README.md\nsrc/app.txt")]
    [InlineData("grep -n two", "src/app.txt:2:line two")]
    [InlineData("show --format=%s --stat HEAD", "Initial commit")]
    [InlineData("switch honk/session", "")]
    [InlineData("branch --list", "honk/session")]
    [InlineData("grep -etwo", "src/app.txt:line two")]
    [InlineData("log -n 1 --format=%s -SOne", "")]
    [InlineData("diff --text HEAD", "")]
    public async Task ReadOnlySubcommands_Allowed(string args, string expected)
    {
        var result = await Git(args);

        Assert.Contains(expected, result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestoreAndCheckoutPaths_UndoChanges()
    {
        await File.WriteAllTextAsync(_repo.Combine("README.md"), "changed\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(_repo.Combine("src/app.txt"), "changed\n", TestContext.Current.CancellationToken);

        await Git("restore README.md");
        await Git("checkout -- src/app.txt");

        Assert.Equal("# Demo\n", await File.ReadAllTextAsync(_repo.Combine("README.md"), TestContext.Current.CancellationToken));
        Assert.Equal("line one\nline two\n", await File.ReadAllTextAsync(_repo.Combine("src/app.txt"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SoftReset_OnSessionBranch_Allowed()
    {
        await File.WriteAllTextAsync(_repo.Combine("x.txt"), "x\n", TestContext.Current.CancellationToken);
        await Git("add x.txt");
        await Git("commit -m second");

        await Git("reset --soft HEAD~1");

        Assert.Equal("A  x.txt", await Git("status --short"));
    }

    [Fact]
    public async Task Reset_HeadNotOnSessionBranch_Refused()
    {
        GitRepository.Git(_repo.Worktree, "checkout", "-q", "--detach");

        var message = await Refused("reset HEAD");

        Assert.Contains("only works on the session's branch 'honk/session'", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("push origin honk/session", "Honk itself commits, pushes")]
    [InlineData("fetch", "never talks to remotes")]
    [InlineData("pull", "never talks to remotes")]
    [InlineData("clone /tmp/x y", "never talks to remotes")]
    [InlineData("remote -v", "never talks to remotes")]
    [InlineData("submodule update", "never talks to remotes")]
    [InlineData("config user.name x", "configuration is fixed")]
    [InlineData("clean -fdx", "not allowed")]
    [InlineData("stash", "not allowed")]
    [InlineData("filter-branch --all", "not allowed")]
    [InlineData("gc --prune=now", "not allowed")]
    [InlineData("update-ref refs/heads/main HEAD", "not allowed")]
    [InlineData("worktree add ../x", "not allowed")]
    [InlineData("difftool", "not allowed")]
    [InlineData("hook run pre-commit", "not allowed")]
    [InlineData("rebase main", "not allowed")]
    [InlineData("co main", "not allowed")]
    [InlineData("-c core.pager=evil log", "before the subcommand")]
    [InlineData("-C /tmp status", "before the subcommand")]
    [InlineData("--git-dir=/tmp/x status", "before the subcommand")]
    [InlineData("--work-tree=/ status", "before the subcommand")]
    [InlineData("reset --hard HEAD~1", "reset --hard")]
    [InlineData("checkout main", "can only restore files")]
    [InlineData("checkout -b other", "checkout -b")]
    [InlineData("switch main", "only go to the session's own branch")]
    [InlineData("switch -c other", "switch -c")]
    [InlineData("branch -D main", "can only list branches")]
    [InlineData("branch other", "can only list branches")]
    [InlineData("log --output=/tmp/x", "--output")]
    [InlineData("diff --ext-diff", "--ext-diff")]
    [InlineData("diff --no-index /etc/passwd README.md", "--no-index")]
    [InlineData("blame --contents /etc/passwd README.md", "--contents")]
    [InlineData("grep -O evil pattern", "grep -O")]
    [InlineData("grep -f /etc/shadow", "grep -f")]
    [InlineData("commit -F /etc/passwd", "commit -F")]
    [InlineData("commit -aS -m x", "commit -aS")]
    [InlineData("commit --author='Eve <e@x>' -m x", "--author")]
    [InlineData("log --exec=evil", "--exec")]
    [InlineData("grep --open-f=vim two", "'--open-f'")]
    [InlineData("blame --conte=/etc/passwd README.md", "'--conte'")]
    [InlineData("commit --fil=/etc/passwd", "commit --fil")]
    [InlineData("add --pathspec-from=/etc/passwd", "'--pathspec-from'")]
    [InlineData("diff --outp=/tmp/x", "'--outp'")]
    [InlineData("diff --no-ind /etc/passwd README.md", "'--no-ind'")]
    [InlineData("show --textconv HEAD", "'--textconv'")]
    [InlineData("blame --ignore-revs-file=/etc/passwd README.md", "'--ignore-revs-file'")]
    [InlineData("blame -S /etc/passwd README.md", "blame -S")]
    [InlineData("ls-files -o -X /etc/passwd", "ls-files -X")]
    [InlineData("log -pO/etc/passwd", "log -pO/etc/passwd")]
    [InlineData("commit --gpg -m x", "commit --gpg")]
    [InlineData("reset --har HEAD~1", "reset --har")]
    [InlineData("switch --cre other", "switch --cre")]
    [InlineData("status | head", "shell syntax")]
    [InlineData("", "needs a subcommand")]
    public async Task ForbiddenCalls_RefusedWithAllowedList(string args, string reason)
    {
        var message = await Refused(args);

        Assert.Contains(reason, message, StringComparison.Ordinal);
        if (args.Length > 0 && !args.Contains('|', StringComparison.Ordinal))
        {
            Assert.Contains("Allowed git subcommands: add, blame", message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ShortenedPagerOption_RunsNoProgramOnTheHost()
    {
        // git reads "--open-f" as --open-files-in-pager and runs its value with the shell, outside the sandbox.
        var marker = Path.Combine(_repo.Main, "pager-ran");

        await Refused(new[] { "grep", $"--open-f=touch {marker};", "two" });

        Assert.False(File.Exists(marker), "git ran a program named in the model's arguments");
    }

    [Theory]
    [InlineData("blame --ignore-revs-file={0} README.md")]
    [InlineData("blame -S {0} README.md")]
    [InlineData("blame --conte={0} README.md")]
    [InlineData("commit --fil={0}")]
    [InlineData("add --pathspec-from={0}")]
    public async Task HostFileNamedInAnOption_IsNotReadIntoTheResult(string args)
    {
        var secret = Path.Combine(Path.GetDirectoryName(_repo.Main)!, "host-secret.txt");
        await File.WriteAllTextAsync(secret, "host-only-4f1c9e\n", TestContext.Current.CancellationToken);
        await File.AppendAllTextAsync(_repo.Combine("README.md"), "more\n", TestContext.Current.CancellationToken);
        await Git("add README.md");

        var message = await Refused(string.Format(CultureInfo.InvariantCulture, args, secret));

        Assert.DoesNotContain("host-only-4f1c9e", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailingCall_ReportsExitCodeAndGitMessage()
    {
        var message = await Refused("show no-such-ref");

        Assert.Contains("git show failed (exit code 128)", message, StringComparison.Ordinal);
        Assert.Contains("no-such-ref", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostGitEnvironment_Ignored()
    {
        Environment.SetEnvironmentVariable("GIT_DIR", "/nonexistent/elsewhere");
        Environment.SetEnvironmentVariable("GIT_AUTHOR_NAME", "Host User");
        try
        {
            await File.WriteAllTextAsync(_repo.Combine("y.txt"), "y\n", TestContext.Current.CancellationToken);
            await Git("add y.txt");
            await Git("commit -m y");

            Assert.Equal("Honk Bot", await Git("log -n 1 --format=%an"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("GIT_DIR", null);
            Environment.SetEnvironmentVariable("GIT_AUTHOR_NAME", null);
        }
    }

    [Fact]
    public async Task RepositoryConfigPrograms_NotRun()
    {
        var marker = Path.Combine(_repo.Main, "program-ran");
        GitRepository.Git(_repo.Main, "config", "core.pager", $"touch {marker}; cat");
        GitRepository.Git(_repo.Main, "config", "diff.external", $"/bin/sh -c 'touch {marker}'");
        GitRepository.Git(_repo.Main, "config", "core.fsmonitor", $"/bin/sh -c 'touch {marker}'");
        await File.AppendAllTextAsync(_repo.Combine("README.md"), "more\n", TestContext.Current.CancellationToken);

        await Git("status");
        var diff = await Git("diff");

        Assert.Contains("+more", diff, StringComparison.Ordinal);
        Assert.False(File.Exists(marker), "git ran a program named by the repository's configuration");
    }

    [Fact]
    public async Task DotGitFilePointingInsideWorkspace_Refused()
    {
        Directory.CreateDirectory(_repo.Combine("fake"));
        await File.WriteAllTextAsync(_repo.Combine(".git"), "gitdir: ./fake\n", TestContext.Current.CancellationToken);

        var message = await Refused("status");

        Assert.Contains("point inside the workspace", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotARepository_RefusedWithoutReachingParentRepository()
    {
        using var plain = new Commands.TempDirectory("honk-plain-");
        var workspace = new Commands.TestWorkspace(plain.Path);

        var error = await Assert.ThrowsAsync<ToolException>(() => workspace.InvokeAsync(_tool, new { args = "status" }));

        Assert.Contains("not a git repository", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LongOutput_CappedWithMarker()
    {
        for (var i = 0; i < 30; i++)
        {
            await File.WriteAllTextAsync(_repo.Combine($"f{i:00}.txt"), "x", TestContext.Current.CancellationToken);
        }

        var tool = new GitTool(new GitToolOptions { MaxOutputLines = 6 });
        var result = await _repo.Workspace.InvokeAsync(tool, new { args = "status --short" });

        Assert.Contains("lines omitted", result, StringComparison.Ordinal);
        Assert.StartsWith("?? f00.txt", result, StringComparison.Ordinal);
        Assert.EndsWith("?? f29.txt", result, StringComparison.Ordinal);
    }
}
