using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Honk.Server;

/// <summary>The server's validated options and the objects built from them, created once.</summary>
internal sealed class ServerRuntime
{
    public ServerRuntime(IOptions<HonkServerOptions> options, TimeProvider timeProvider)
    {
        Options = options.Value;
        Options.Validate();
        TimeProvider = timeProvider;
        var key = Options.LinkSigningKey ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        Links = new ReviewLinks(key, timeProvider);
        Slack = Options.SlackSigningSecret is { } slack ? new SlackRequestVerifier(slack, timeProvider) : null;
        GitHub = Options.GitHubWebhookSecret is { } gh ? new GitHubSignatureVerifier(gh) : null;
        Merger = new BranchMerger(Options.Approval);

        // Sessions store their events and results redacted; this covers what the server renders from elsewhere
        // (the task as submitted, the diff read from git) and the server's own secrets.
        Redactor = Transcripts.SecretRedactor.Create().WithLiterals(
            [.. Options.ApiKeys, Options.SlackSigningSecret ?? "", Options.GitHubWebhookSecret ?? "", Options.LinkSigningKey ?? ""]);
    }

    public Transcripts.SecretRedactor Redactor { get; }

    public HonkServerOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    public ReviewLinks Links { get; }

    public SlackRequestVerifier? Slack { get; }

    public GitHubSignatureVerifier? GitHub { get; }

    public BranchMerger Merger { get; }

    public Uri ReviewUrl(HttpRequest request, string sessionId, string subject)
    {
        var token = Links.CreateSessionToken(sessionId, subject, Options.ReviewLinkLifetime);
        return new Uri(BaseUrl(request), $"review/{Uri.EscapeDataString(sessionId)}?t={Uri.EscapeDataString(token)}");
    }

    public Uri BaseUrl(HttpRequest request)
    {
        var root = Options.PublicBaseUrl?.ToString() ?? $"{request.Scheme}://{request.Host}{request.PathBase}";
        return new Uri(root.EndsWith('/') ? root : root + "/");
    }
}
