using System.Collections;
using System.Text;

namespace Honk.Git.Tests;

public sealed class GitRunnerTests : IDisposable
{
    private readonly Scratch _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task Failure_IsAGitExceptionWithCommandExitCodeAndStandardError()
    {
        var repo = _scratch.CreateRepository();
        var result = await new GitRunner().RunAsync(repo, ["rev-parse", "--verify", "no-such-ref"], TestContext.Current.CancellationToken);

        var error = result.ToException("Resolving no-such-ref");
        Assert.Equal(128, error.ExitCode);
        Assert.Equal("git rev-parse --verify no-such-ref", error.Command);
        Assert.Contains("Needed a single revision", error.StandardError, StringComparison.Ordinal);
        Assert.StartsWith("Resolving no-such-ref failed: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_AreMaskedInTheCommandLineAndStandardError()
    {
        var command = new GitCommand(_scratch.Root, ["ls-remote", "http://user:s3cretpass@127.0.0.1:9/repo.git"]) { Secrets = ["tok3n-value"] };
        var result = await new GitRunner().RunAsync(command, TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.DoesNotContain("s3cretpass", result.CommandLine + result.StandardError, StringComparison.Ordinal);
        Assert.Contains("user:***@", result.CommandLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimeLimit_KillsGitAndSaysSo()
    {
        // A git alias that runs a shell that sleeps: the runner must kill the whole tree.
        var runner = new GitRunner(new GitRunnerOptions { Configuration = [new("alias.nap", "!sleep 30")] });
        var started = DateTime.UtcNow;

        var error = await Assert.ThrowsAsync<GitException>(() => runner.RunAsync(_scratch.Root, ["nap"], TestContext.Current.CancellationToken, TimeSpan.FromMilliseconds(300)));

        Assert.True(error.TimedOut);
        Assert.Null(error.ExitCode);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(25));
    }

    [Fact]
    public async Task Cancellation_ThrowsOperationCanceled()
    {
        var runner = new GitRunner(new GitRunnerOptions { Configuration = [new("alias.nap", "!sleep 30")] });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.RunAsync(_scratch.Root, ["nap"], cancel.Token));
    }

    [Fact]
    public async Task MissingProgram_IsAGitExceptionNamingIt()
    {
        var runner = new GitRunner(new GitRunnerOptions { Executable = "/nonexistent/git" });
        var error = await Assert.ThrowsAsync<GitException>(() => runner.RunAsync(null, ["--version"], TestContext.Current.CancellationToken));
        Assert.Contains("/nonexistent/git", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Observer_ReceivesOutputAndCanStopGitEarly()
    {
        var repo = _scratch.CreateRepository();
        var observer = new FirstChunk();
        var result = await new GitRunner().RunAsync(new GitCommand(repo, ["ls-files", "-z"]) { Observer = observer }, TestContext.Current.CancellationToken);

        Assert.Contains("a.txt", observer.Text.ToString(), StringComparison.Ordinal);
        Assert.Equal("", result.StandardOutput);
        Assert.True(result.StoppedEarly);
        Assert.Equal(-1, result.ExitCode);
    }

    [Fact]
    public async Task Configuration_IsAppliedToEveryCommand()
    {
        var repo = _scratch.CreateRepository();
        var result = await new GitRunner().RunAsync(repo, ["config", "--get", "core.hooksPath"], TestContext.Current.CancellationToken);
        Assert.Equal("/dev/null", result.Text);
    }

    [Fact]
    public void HostEnvironment_DropsRedirectionsKeepsTransport()
    {
        var env = GitEnvironment.FromHost(new Hashtable { ["GIT_DIR"] = "/x", ["GIT_SSH_COMMAND"] = "ssh -i k", ["PATH"] = "/bin" });
        Assert.False(env.ContainsKey("GIT_DIR"));
        Assert.Equal("ssh -i k", env["GIT_SSH_COMMAND"]);
        Assert.Equal("0", env["GIT_TERMINAL_PROMPT"]);
    }

    [Fact]
    public void IsolatedEnvironment_IgnoresTheHostsConfiguration()
    {
        var env = GitEnvironment.Isolated();
        Assert.Equal("/dev/null", env["GIT_CONFIG_GLOBAL"]);
        Assert.Equal("1", env["GIT_CONFIG_NOSYSTEM"]);
        Assert.Equal("/nonexistent", env["HOME"]);
    }

    private sealed class FirstChunk : IGitOutputObserver
    {
        public StringBuilder Text { get; } = new();

        public bool OnOutput(GitOutputStream stream, ReadOnlySpan<char> chunk)
        {
            lock (Text)
            {
                Text.Append(chunk);
            }

            // One chunk is enough: stop git.
            return false;
        }

        public void OnCompleted(GitOutputStream stream)
        {
        }
    }
}
