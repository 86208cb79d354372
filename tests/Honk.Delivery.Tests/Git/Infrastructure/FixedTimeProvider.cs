namespace Honk.Delivery.Tests.Git.Infrastructure;

/// <summary>A clock stopped at one instant, for reproducible commit dates.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
