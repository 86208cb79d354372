using Honk.Testing;

namespace Honk.Cli.Tests.Output;

/// <summary>What a person watching <c>honk run</c> sees of the checks: which command runs, and a word when none applies.</summary>
public sealed class LiveChecksOutputTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _folder = new();
    private TemporaryGitRepository _repo = null!;

    public async ValueTask InitializeAsync()
    {
        _repo = await TemporaryGitRepository.CreateAsync(cancellationToken: TestContext.Current.CancellationToken);
        _folder.WriteFile("fix.json", """
            { "turns": [
              { "toolCalls": [ { "name": "edit_file", "arguments": { "path": "greeting.txt", "old_text": "wrld", "new_text": "world" } } ] },
              { "text": "Fixed the typo." } ] }
            """);
    }

    public async ValueTask DisposeAsync()
    {
        await _repo.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Run_WhereNoValidatorApplies_SaysSoInsteadOfABlankList()
    {
        await _repo.CommitFilesAsync(new Dictionary<string, string> { ["greeting.txt"] = "Hello, wrld!\n" }, "greeting", TestContext.Current.CancellationToken);

        var run = await HonkProcess.RunAsync(_folder.Path, null, "run", "--repo", _repo.Path, "--task", "greeting.txt says Hello, world!", "--model", "script:fix.json", "--deliver", "none");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("checks (round 1): none apply", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ShowsEachCheckCommandAsItStarts()
    {
        if (!ToolOnPath("npm"))
        {
            Assert.Skip("npm is not installed: the check command cannot run.");
        }

        await _repo.CommitFilesAsync(new Dictionary<string, string>
        {
            ["greeting.txt"] = "Hello, wrld!\n",
            ["package.json"] = """{ "name": "greeting", "version": "1.0.0", "scripts": { "test": "node -e \"console.log('1 test passed')\"" } }""",
        }, "greeting", TestContext.Current.CancellationToken);

        var run = await HonkProcess.RunAsync(_folder.Path, null, "run", "--repo", _repo.Path, "--task", "greeting.txt says Hello, world!", "--model", "script:fix.json", "--deliver", "none");

        Assert.True(run.ExitCode == 0, run.ToString());
        var started = run.Stdout.Split('\n').FirstOrDefault(l => l.Contains("… npm: ", StringComparison.Ordinal));
        Assert.True(started is not null, run.ToString());
        Assert.Contains("test", started, StringComparison.Ordinal);
    }

    private static bool ToolOnPath(string name)
        => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Any(d => File.Exists(Path.Combine(d, name)));
}
