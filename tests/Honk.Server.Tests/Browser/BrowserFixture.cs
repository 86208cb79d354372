using Honk.Tests.Shared.Browser;

namespace Honk.Server.Tests;

/// <summary>The server's browser tests share one Chromium (see <see cref="ChromiumFixture"/>).</summary>
public sealed class BrowserFixture : ChromiumFixture;

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
