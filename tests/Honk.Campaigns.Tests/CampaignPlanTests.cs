namespace Honk.Campaigns.Tests;

public sealed class CampaignPlanTests
{
    [Theory]
    [InlineData(10, 1, "5,50,all", "0,1,1,1,1,1,2,2,2,2")]
    [InlineData(10, 2, "3", "0,0,1,1,1,2,2,2,2,2")]
    [InlineData(3, 5, "all", "0,0,0")]
    [InlineData(4, 1, "all", "0,1,1,1")]
    [InlineData(0, 1, "all", "")]
    public void AssignWaves_CanaryThenWavesThenTheRest(int count, int canary, string waves, string expected)
    {
        var sizes = waves.Split(',').Select(w => w == "all" ? WaveSize.All : new WaveSize(int.Parse(w, System.Globalization.CultureInfo.InvariantCulture))).ToList();

        var assigned = CampaignPlan.AssignWaves(count, canary, sizes);

        Assert.Equal(expected, string.Join(',', assigned));
    }

    [Fact]
    public void Spec_WithoutBranch_UsesOneNamedBranchForEveryRepository()
    {
        var file = CampaignFile.Parse("---\ntitle: Move to FooClient 2!\ntargets: [a, b]\n---\nDo it.\n", null, Path.GetTempPath());

        var spec = CampaignPlan.Spec(file, "20261206-183000-abc123");

        Assert.Equal("honk/move-to-fooclient-2-abc123", spec.Branch);
        Assert.Equal(2, spec.WaveCount);
        Assert.Equal([Honk.Tasks.TaskDelivery.Branch], spec.Delivery);
    }
}
