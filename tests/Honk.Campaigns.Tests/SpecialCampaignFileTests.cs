using Honk.Tasks;
using Honk.Testing;
using static Honk.Testing.Shared.SpecialFiles;

namespace Honk.Campaigns.Tests;

/// <summary>A named pipe as a campaign file or a targets file used to block forever (waiting for a writer); it is refused.</summary>
[Trait("Category", "Security")]
public sealed class SpecialCampaignFileTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Load_ANamedPipe_IsRefusedAtOnce()
    {
        var fifo = MakeFifo(_folder.Combine("campaign.md"));

        var error = await Assert.ThrowsAsync<TaskFileException>(() => Task.Run(() => CampaignFile.LoadAsync(fifo, TestContext.Current.CancellationToken))
            .WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));

        Assert.Contains("named pipe (FIFO), not a regular file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parse_TargetsFileThatIsANamedPipe_IsAnErrorOfThatField()
    {
        MakeFifo(_folder.Combine("targets.txt"));

        var error = await Assert.ThrowsAsync<TaskFileException>(() => Task.Run(() => CampaignFile.Parse("---\ntargets_file: targets.txt\n---\nDo it.\n", "c.md", _folder.Path))
            .WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));

        Assert.Contains("The targets file 'targets.txt' cannot be used", Assert.Single(error.Errors).Message, StringComparison.Ordinal);
    }
}
