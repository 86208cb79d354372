namespace Honk.Server;

/// <summary>The body of <c>POST /api/sessions</c>.</summary>
internal sealed record CreateSessionRequest
{
    public string? Repository { get; init; }

    public string? Task { get; init; }

    public string? Title { get; init; }

    public string? BaseRef { get; init; }

    public string? Requester { get; init; }
}
