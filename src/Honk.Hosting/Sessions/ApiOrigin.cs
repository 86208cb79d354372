namespace Honk.Hosting;

/// <summary>A request made through the HTTP API (or in code).</summary>
/// <param name="Client">The API client's name or key id, when known.</param>
public sealed record ApiOrigin(string? Client = null) : SessionOrigin;
