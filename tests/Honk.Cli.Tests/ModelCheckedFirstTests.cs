using Honk.Testing;

namespace Honk.Cli.Tests;

/// <summary>A model that cannot be made is reported before Honk prepares a workspace (a clone can take minutes).</summary>
public sealed class ModelCheckedFirstTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _folder = new();
    private TemporaryGitRepository _repo = null!;

    public async ValueTask InitializeAsync()
    {
        _repo = await TemporaryGitRepository.CreateAsync(cancellationToken: TestContext.Current.CancellationToken);
        _folder.WriteFile("broken.json", "{ \"turns\": [ { \"txt\": 1 } ] }");
    }

    public async ValueTask DisposeAsync()
    {
        await _repo.DisposeAsync();
        _folder.Dispose();
    }

    [Theory]
    [InlineData("script:missing.json", "cannot read the script")]
    [InlineData("script:broken.json", "txt")]
    [InlineData("anthropic:claude-sonnet-4-5", "ANTHROPIC_API_KEY")]
    [InlineData("openai:gpt-4.1", "OPENAI_API_KEY")]
    public async Task Run_WithAModelThatCannotBeMade_SaysSoBeforePreparingAWorkspace(string model, string expected)
    {
        var run = await HonkProcess.RunAsync(_folder.Path, null, "run", "--repo", _repo.Path, "--task", "x", "--model", model);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Preparing a workspace", run.Stdout, StringComparison.Ordinal);
    }
}
