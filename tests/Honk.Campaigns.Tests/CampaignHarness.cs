using Honk.Testing;

namespace Honk.Campaigns.Tests;

/// <summary>A campaign on a real SQLite store with the in-process queue and an <see cref="OutcomeTable"/> as its sessions.</summary>
internal sealed class CampaignHarness : IAsyncDisposable
{
    private readonly TemporaryDirectory _folder = new("honk-campaign");
    private InProcessCampaignDispatcher? _dispatcher;

    public CampaignHarness()
    {
        Store = CampaignStore.Sqlite(Path.Combine(_folder.Path, "campaigns.db"));
    }

    public CampaignStore Store { get; }

    public OutcomeTable Sessions { get; set; } = new();

    public CampaignJobProcessor? Processor { get; private set; }

    /// <summary>Creates a campaign over repositories named r0, r1, … from a campaign file's front matter lines.</summary>
    public async Task<string> CreateAsync(int repositories, string frontMatter, CancellationToken cancellationToken)
    {
        await Store.InitializeAsync(cancellationToken);
        var targets = string.Join(", ", Enumerable.Range(0, repositories).Select(i => $"r{i}"));
        var file = CampaignFile.Parse($"---\ntargets: [{targets}]\n{frontMatter}\n---\nDo it.\n", null, _folder.Path);
        var id = $"c{Guid.NewGuid():N}"[..12];
        await Store.CreateAsync(id, CampaignPlan.Spec(file, id), CampaignPlan.Repositories(file), cancellationToken);
        return id;
    }

    public async Task<CampaignRecord> RunAsync(string id, CancellationToken cancellationToken)
    {
        var campaign = (await Store.GetAsync(id, cancellationToken))!;
        if (_dispatcher is not null)
        {
            await _dispatcher.DisposeAsync();
        }

        Processor = new CampaignJobProcessor(Store, Sessions, "test-worker");
        _dispatcher = new InProcessCampaignDispatcher(Processor, campaign.Spec.Concurrency);
        var controller = new CampaignController(Store, _dispatcher, TimeSpan.FromMilliseconds(50)) { RequeueInFlight = true };
        return await controller.RunAsync(id, cancellationToken);
    }

    public async Task<CampaignReport> ReportAsync(string id)
        => CampaignReport.From((await Store.GetAsync(id))!, await Store.ListRepositoriesAsync(id));

    public async ValueTask DisposeAsync()
    {
        if (_dispatcher is not null)
        {
            await _dispatcher.DisposeAsync();
        }

        _folder.Dispose();
    }
}
