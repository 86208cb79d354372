namespace Honk;

/// <summary>Where a delivery channel put the change, as data.</summary>
public sealed record DeliveryResult
{
    /// <summary>The channel's name, e.g. <c>branch</c>, <c>push</c>, <c>pr</c>, <c>patch</c>.</summary>
    public required string Channel { get; init; }

    /// <summary>True when the delivery happened (or had already happened: deliveries are idempotent).</summary>
    public required bool Succeeded { get; init; }

    /// <summary>What happened, in one sentence.</summary>
    public string? Message { get; init; }

    /// <summary>The branch holding the change.</summary>
    public string? Branch { get; init; }

    /// <summary>The delivered commit.</summary>
    public string? Commit { get; init; }

    /// <summary>A link for review (pull request, branch page), when there is one.</summary>
    public Uri? Url { get; init; }

    /// <summary>The path of a patch file, for the <c>patch</c> channel.</summary>
    public string? PatchPath { get; init; }

    /// <summary>A successful delivery.</summary>
    /// <param name="channel">The channel's name.</param>
    /// <param name="message">What happened.</param>
    /// <returns>The result.</returns>
    public static DeliveryResult Delivered(string channel, string message) => new() { Channel = channel, Succeeded = true, Message = message };

    /// <summary>A failed delivery (the change itself is kept in the workspace branch).</summary>
    /// <param name="channel">The channel's name.</param>
    /// <param name="message">What went wrong.</param>
    /// <returns>The result.</returns>
    public static DeliveryResult Failed(string channel, string message) => new() { Channel = channel, Succeeded = false, Message = message };
}
