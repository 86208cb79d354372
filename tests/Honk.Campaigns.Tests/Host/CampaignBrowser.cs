using Honk.Tests.Shared.Browser;

namespace Honk.Campaigns.Tests.Host;

/// <summary>The campaign page tests' Chromium: the same browser and flags as the review page's (<see cref="ChromiumFixture"/>).</summary>
public sealed class CampaignBrowser : ChromiumFixture;
