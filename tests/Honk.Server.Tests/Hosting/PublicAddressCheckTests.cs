namespace Honk.Server.Tests.Hosting;

/// <summary>Review links taken from the Host header are only safe where nobody else can connect.</summary>
public sealed class PublicAddressCheckTests
{
    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://+:80")]
    [InlineData("http://*:5080")]
    [InlineData("http://[::]:5080")]
    [InlineData("https://honk.example.com:443")]
    public void Warning_OpenAddressWithoutPublicUrl_NamesTheAddressAndTheSetting(string address)
    {
        var warning = PublicAddressCheck.Warning(null, ["http://127.0.0.1:5081", address]);

        Assert.NotNull(warning);
        Assert.Contains(address, warning, StringComparison.Ordinal);
        Assert.Contains("--public-url", warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://127.0.0.2:5080")]
    [InlineData("http://[::1]:5080")]
    [InlineData("http://localhost:5080")]
    public void Warning_LoopbackOnly_IsNone(string address)
        => Assert.Null(PublicAddressCheck.Warning(null, [address]));

    [Fact]
    public void Warning_PublicUrlSet_IsNone()
        => Assert.Null(PublicAddressCheck.Warning(new Uri("https://honk.example.com/"), ["http://0.0.0.0:5080"]));
}
