using Honk.Delivery.GitHub;
using Honk.Hosting;

namespace Honk.Server;

/// <summary>
/// The <c>pr</c> delivery channel in a host: for each session whose request asks for a pull request, a
/// <see cref="GitHubPullRequestChannel"/> on the session's GitHub repository (<see cref="PullRequestLoopOptions.Repository"/>,
/// else the GitHub issue it came from, else the repository URL's <c>owner/name</c>). It runs after <c>push</c> and, like
/// every hosted channel, through the effects ledger, with <see cref="PullRequestChannelContributor.FindDeliveredAsync"/> as its reality check.
/// </summary>
public sealed class HostPullRequestChannels : PullRequestChannelContributor
{
    private readonly HonkHost _host;
    private readonly GitHubClient _github;
    private readonly PullRequestLoopOptions _options;
    private readonly Uri? _publicBaseUrl;

    /// <summary>Creates the contributor.</summary>
    /// <param name="host">The host (each session's request says whether it wants a pull request).</param>
    /// <param name="github">The GitHub client.</param>
    /// <param name="options">Repository, draft, labels, base branch.</param>
    /// <param name="publicBaseUrl">The server's public address, for the link back to the session in the body.</param>
    public HostPullRequestChannels(HonkHost host, GitHubClient github, PullRequestLoopOptions options, Uri? publicBaseUrl = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(github);
        ArgumentNullException.ThrowIfNull(options);
        _host = host;
        _github = github;
        _options = options;
        _publicBaseUrl = publicBaseUrl;
    }

    /// <inheritdoc />
    public override int Order => SessionContributorOrder.Delivery + 10;

    /// <summary>The channel for a session, or null when it does not ask for a pull request.</summary>
    /// <exception cref="InvalidOperationException">It asks for one, but its GitHub repository cannot be told (the session fails saying so).</exception>
    protected override async Task<GitHubPullRequestChannel?> ChannelForAsync(string sessionId, CancellationToken cancellationToken)
    {
        var record = await _host.GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (record is null || !record.Request.Delivery.Contains(Tasks.TaskDelivery.PullRequest))
        {
            return null;
        }

        var (owner, repository) = RepositoryOf(record) ?? throw new InvalidOperationException(
            $"Session {sessionId} asks for a pull request, but '{record.Request.Repository}' does not name a GitHub repository: set Honk:PullRequests:Repository to owner/name.");
        var options = new GitHubPullRequestOptions
        {
            Owner = owner, Repository = repository, Draft = _options.Draft, BaseBranch = _options.BaseBranch,
            SessionUrlTemplate = _publicBaseUrl is null ? null : new Uri(_publicBaseUrl, "review/{sessionId}").ToString().Replace("%7B", "{", StringComparison.Ordinal).Replace("%7D", "}", StringComparison.Ordinal),
        };
        foreach (var label in _options.Labels)
        {
            options.Labels.Add(label);
        }

        return new GitHubPullRequestChannel(_github, options);
    }

    /// <summary>owner/name from the options, the GitHub origin, or the repository URL (<c>https://host/owner/name(.git)</c>, <c>git@host:owner/name.git</c>).</summary>
    internal (string Owner, string Repository)? RepositoryOf(SessionRecord record)
    {
        if (_options.Repository is { } configured)
        {
            var parts = configured.Split('/');
            return (parts[0], parts[1]);
        }

        if (record.Request.Origin is GitHubOrigin origin)
        {
            return (origin.Owner, origin.Repository);
        }

        var location = record.Request.Repository;
        if (!location.Contains("://", StringComparison.Ordinal) && !location.StartsWith("git@", StringComparison.Ordinal))
        {
            return null;
        }

        var path = location.StartsWith("git@", StringComparison.Ordinal) ? location[(location.IndexOf(':', StringComparison.Ordinal) + 1)..] : new Uri(location).AbsolutePath;
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2)
        {
            return null;
        }

        var name = segments[^1].EndsWith(".git", StringComparison.Ordinal) ? segments[^1][..^4] : segments[^1];
        return name.Length == 0 ? null : (segments[^2], name);
    }
}
