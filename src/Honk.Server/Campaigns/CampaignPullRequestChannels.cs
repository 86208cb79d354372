using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Honk.Campaigns;
using Honk.Delivery.GitHub;
using Honk.Tasks;

namespace Honk.Server.Campaigns;

/// <summary>
/// The <c>pr</c> channel of a campaign's sessions: each repository's session opens (or updates) one pull request on
/// its own GitHub repository (<c>owner/name</c> from the target's URL), from the campaign's one branch, with the
/// campaign's <c>pr_title</c> and <c>pr_body</c>. It runs after <c>push</c> and, like every hosted channel, through the
/// effects ledger with <see cref="PullRequestChannelContributor.FindDeliveredAsync"/> as its reality check, so a job redelivered after its worker died
/// never opens a second pull request. Sessions that are not a campaign's are left alone.
/// </summary>
/// <remarks>
/// A target that names no GitHub repository (a local folder), or a worker without a GitHub token, fails that
/// repository's session before the model starts, saying why; the rest of the campaign goes on.
/// </remarks>
public sealed partial class CampaignPullRequestChannels : PullRequestChannelContributor
{
    private readonly CampaignStore _store;
    private readonly GitHubClient? _github;
    private readonly Action<GitHubPullRequestOptions>? _configure;
    private readonly ConcurrentDictionary<string, CampaignSpec> _specs = new(StringComparer.Ordinal);

    /// <summary>Creates the contributor.</summary>
    /// <param name="store">The campaign store (the session id names the campaign and the repository).</param>
    /// <param name="github">The GitHub client; <see langword="null"/> when this process has no GitHub token (pull request sessions then fail saying so).</param>
    /// <param name="configure">The host's settings for every pull request (draft, labels, base branch, link back).</param>
    public CampaignPullRequestChannels(CampaignStore store, GitHubClient? github, Action<GitHubPullRequestOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _github = github;
        _configure = configure;
    }

    /// <summary>Before the host's own <c>pr</c> channel, which then leaves a campaign's session alone.</summary>
    public override int Order => SessionContributorOrder.Delivery + 5;

    /// <summary>The campaign and position a session id names (<c>&lt;campaign&gt;-r0003</c>, or <c>…-r0003-a2</c> for a host's later attempt).</summary>
    /// <param name="sessionId">The session id.</param>
    /// <returns>The campaign and position, or <see langword="null"/> for any other session (fix rounds included).</returns>
    public static (string CampaignId, int Position)? CampaignOf(string sessionId)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        var match = CampaignSessionId().Match(sessionId);
        return match.Success ? (match.Groups["campaign"].Value, int.Parse(match.Groups["position"].Value, CultureInfo.InvariantCulture)) : null;
    }

    /// <summary>The channel for a campaign session that asks for a pull request; null for any other session.</summary>
    /// <exception cref="InvalidOperationException">It asks for one but cannot get it (the session fails saying so).</exception>
    protected override async Task<GitHubPullRequestChannel?> ChannelForAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (CampaignOf(sessionId) is not { } campaign
            || await SpecAsync(campaign.CampaignId, cancellationToken).ConfigureAwait(false) is not { } spec
            || !spec.Delivery.Contains(TaskDelivery.PullRequest)
            || await _store.GetRepositoryAsync(campaign.CampaignId, campaign.Position, cancellationToken).ConfigureAwait(false) is not { } repository)
        {
            return null;
        }

        if (CampaignTargets.GitHubRepositoryOf(repository.Repository) is not { } gitHub)
        {
            throw new InvalidOperationException(CampaignTargets.PullRequestProblem(repository.Repository));
        }

        if (_github is null)
        {
            throw new InvalidOperationException($"The campaign delivers pull requests, but no GitHub is configured where this session runs: set GITHUB_TOKEN (and GITHUB_API_URL for GitHub Enterprise) for 'honk worker' and 'honk campaign run', or Honk:GitHubToken for 'honk serve'. Nothing was pushed for {repository.Repository}.");
        }

        var options = new GitHubPullRequestOptions
        {
            Owner = gitHub.Owner,
            Repository = gitHub.Name,
            Title = spec.PullRequestTitle,
            Description = spec.PullRequestBody,
        };
        _configure?.Invoke(options);
        return new GitHubPullRequestChannel(_github, options);
    }

    private async Task<CampaignSpec?> SpecAsync(string campaignId, CancellationToken cancellationToken)
    {
        if (_specs.TryGetValue(campaignId, out var spec))
        {
            return spec;
        }

        var campaign = await _store.GetAsync(campaignId, cancellationToken).ConfigureAwait(false);
        return campaign is null ? null : _specs.GetOrAdd(campaignId, campaign.Spec);
    }

    [GeneratedRegex(@"^(?<campaign>.+)-r(?<position>\d{4,9})(?:-a\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex CampaignSessionId();
}
