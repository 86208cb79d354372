namespace Honk.Models.Tests;

public sealed class RetryAfterParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null, "7", 7000)]
    [InlineData(null, "0.5", 500)]
    [InlineData("1500", "7", 1500)]
    [InlineData(null, "Sat, 21 Nov 2026 08:00:30 GMT", 30000)]
    [InlineData(null, "Sat, 21 Nov 2026 07:59:00 GMT", 0)]
    public void Parse_ValidHeaders_ReturnsDelay(string? ms, string? retryAfter, int expectedMs)
        => Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), RetryAfterParser.Parse(ms, retryAfter, Now));

    [Theory]
    [InlineData(null, null)]
    [InlineData(null, "soon")]
    [InlineData("-5", "-1")]
    public void Parse_MissingOrInvalid_ReturnsNull(string? ms, string? retryAfter)
        => Assert.Null(RetryAfterParser.Parse(ms, retryAfter, Now));
}
