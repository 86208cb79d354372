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
        Repositories = new RepositoryAllowList(Options);

        // Anonymous keys are a client named "api" that may trigger; named clients carry their own roles.
        var clients = Options.ApiClients.ToList();
        foreach (var apiKey in Options.ApiKeys)
        {
            var anonymous = new ApiClientOptions { Name = "api", Key = apiKey };
            anonymous.Roles.Add(ApiClientOptions.TriggerRole);
            clients.Add(anonymous);
        }

        ApiClients = clients;

        // The key actually used, generated or configured: sessions' redactors get it too (a model must not print it).
        Secrets = [.. clients.Select(c => c.Key), Options.SlackSigningSecret ?? "", Options.GitHubWebhookSecret ?? "", key];

        // Sessions store their events and results redacted; this covers what the server renders from elsewhere
        // (the task as submitted, the diff read from git) and the server's own secrets.
        Redactor = Transcripts.SecretRedactor.Create().WithLiterals(Secrets);
    }

    /// <summary>The server's own secrets: API keys, the Slack signing secret, the GitHub webhook secret, the link-signing key.</summary>
    public IReadOnlyList<string> Secrets { get; }

    public IReadOnlyList<ApiClientOptions> ApiClients { get; }

    public RepositoryAllowList Repositories { get; }

    /// <summary>
    /// Whether <paramref name="identity"/> (from a verified token, never from a request body) may approve a session asked
    /// for by <paramref name="requester"/>: on the approvers list, or an API client holding the approve role.
    /// </summary>
    public bool MayApprove(string identity, string? requester)
    {
        if (Options.Access.MayApprove(identity, requester))
        {
            return true;
        }

        var client = ApiClients.FirstOrDefault(c => c.Identity == identity && c.Name != "api");
        return client is not null && client.Has(ApiClientOptions.ApproveRole)
            && (Options.Access.RequesterMayApprove || !string.Equals(identity, requester, StringComparison.Ordinal));
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
