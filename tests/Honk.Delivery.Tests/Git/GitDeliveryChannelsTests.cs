using Honk.Delivery.Git;

namespace Honk.Delivery.Tests.Git;

public sealed class GitDeliveryChannelsTests
{
    [Theory]
    [InlineData("branch", typeof(GitBranchDeliveryChannel))]
    [InlineData("patch", typeof(GitPatchDeliveryChannel))]
    [InlineData("push", typeof(GitPushDeliveryChannel))]
    [InlineData(" PUSH ", typeof(GitPushDeliveryChannel))]
    public void Create_KnownMode_ReturnsThatChannel(string mode, Type expected)
    {
        var channels = GitDeliveryChannels.Create(mode);

        var channel = Assert.Single(channels);
        Assert.IsType(expected, channel);
        Assert.Equal(mode.Trim().ToLowerInvariant(), channel.Name);
    }

    [Fact]
    public void Create_None_ReturnsNoChannel()
    {
        Assert.Empty(GitDeliveryChannels.Create("none"));
    }

    [Theory]
    [InlineData("pr", "Honk.Delivery.GitHub")]
    [InlineData("ftp", "none, branch, patch, push")]
    public void Create_UnsupportedMode_ThrowsWithTheChoices(string mode, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => GitDeliveryChannels.Create(mode));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("branch", true)]
    [InlineData("None", true)]
    [InlineData("pr", false)]
    [InlineData(null, false)]
    public void IsSupported_Mode_ReportsWhetherCreateAcceptsIt(string? mode, bool expected)
    {
        Assert.Equal(expected, GitDeliveryChannels.IsSupported(mode));
    }

    [Fact]
    public void Create_InvalidOptions_Throws()
    {
        Assert.Throws<ArgumentException>(() => GitDeliveryChannels.Create("push", new GitDeliveryOptions { CommitterEmail = " " }));
        Assert.Throws<ArgumentOutOfRangeException>(() => GitDeliveryChannels.Create("push", new GitDeliveryOptions { NetworkTimeout = TimeSpan.Zero }));
    }

    [Fact]
    public void Constructor_OptionsChangedLater_ChannelKeepsItsCopy()
    {
        var options = new GitDeliveryOptions { PatchDirectory = "/tmp/one" };
        var channel = new GitPatchDeliveryChannel(options);

        options.PatchDirectory = "/tmp/two";

        Assert.Equal("/tmp/one", channel.PatchDirectory);
    }

    [Fact]
    public void Constructor_NoPatchDirectory_DefaultsToDotHonkPatchesUnderTheCurrentDirectory()
    {
        var channel = new GitPatchDeliveryChannel();

        Assert.Equal(Path.Combine(Environment.CurrentDirectory, ".honk", "patches"), channel.PatchDirectory);
    }
}
