using Honk.Delivery.Slack;

namespace Honk.Delivery.Tests.Slack;

public sealed class SlackFormattingTests
{
    [Fact]
    public void Escape_ControlCharacters_BecomeEntities()
        => Assert.Equal("a &amp;lt; &lt;b&gt; &amp; c", SlackText.Escape("a &lt; <b> & c"));

    [Fact]
    public void Link_UrlWithPipeAndAmpersand_StaysOneLink()
        => Assert.Equal("<https://x.test/?a=1&amp;b=%7C|Open &lt;it&gt;>", SlackText.Link(new Uri("https://x.test/?a=1&b=|"), "Open <it>"));

    [Fact]
    public void Parse_LinesLookingLikeHeadersInsideHunks_AreCountedAsChanges()
    {
        const string diff = "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n--- dashes\n+++ pluses\n context\n\\ No newline at end of file\n"
            + "diff --git a/bin b/bin\nBinary files a/bin and b/bin differ\n";

        Assert.Equal(new DiffStats(2, 1, 1), DiffStats.Parse(diff));
    }

    [Fact]
    public void Parse_EmptyDiff_IsZero() => Assert.Equal(new DiffStats(0, 0, 0), DiffStats.Parse(""));
}
