using Honk.Testing;
using static Honk.Testing.Shared.SpecialFiles;

namespace Honk.Cli.Tests;

/// <summary>A named pipe given as a task or campaign file used to hang honk forever; it is one plain error now.</summary>
public sealed class SpecialFileInputTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _folder = new();
    private TemporaryGitRepository _repo = null!;

    public async ValueTask InitializeAsync()
    {
        _repo = await TemporaryGitRepository.CreateAsync(cancellationToken: TestContext.Current.CancellationToken);
        _folder.WriteFile("s.json", "{ \"turns\": [ { \"text\": \"nothing to do\" } ] }");
    }

    public async ValueTask DisposeAsync()
    {
        await _repo.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Run_TaskFileThatIsANamedPipe_IsABadInput()
    {
        MakeFifo(_folder.Combine("task.md"));

        var run = await HonkProcess.RunAsync(TimeSpan.FromMinutes(1), _folder.Path, null, "run", "--repo", _repo.Path, "--task-file", "task.md", "--model", "script:s.json");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("'task.md' is a named pipe (FIFO), not a regular file", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CampaignRun_FileThatIsANamedPipe_IsABadInput()
    {
        MakeFifo(_folder.Combine("campaign.md"));

        var run = await HonkProcess.RunAsync(TimeSpan.FromMinutes(1), _folder.Path, null, "campaign", "run", "--file", "campaign.md", "--model", "script:s.json", "--dry-run");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("'campaign.md' is a named pipe (FIFO), not a regular file", run.Stderr, StringComparison.Ordinal);
    }
}
