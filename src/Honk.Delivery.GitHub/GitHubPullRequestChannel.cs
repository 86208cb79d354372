using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Honk.Delivery.GitHub;

/// <summary>
/// Opens a pull request for the session's pushed branch, or updates the one already open for it (an idempotent upsert
/// by branch: a re-delivery edits the same pull request instead of opening another). Run it after the <c>push</c> channel.
/// </summary>
public sealed class GitHubPullRequestChannel : DeliveryChannel
{
    /// <summary>The channel's name, <c>pr</c>.</summary>
    public const string ChannelName = "pr";

    private readonly GitHubClient _client;
    private readonly GitHubPullRequestOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the channel.</summary>
    /// <param name="client">The GitHub client.</param>
    /// <param name="options">The target repository and the pull request's look.</param>
    /// <param name="logger">A logger.</param>
    public GitHubPullRequestChannel(GitHubClient client, GitHubPullRequestOptions options, ILogger<GitHubPullRequestChannel>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _client = client;
        _options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <inheritdoc />
    public override string Name => ChannelName;

    /// <inheritdoc />
    protected override async ValueTask<DeliveryResult> DeliverCoreAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        var pushed = context.Previous.LastOrDefault(p => p.Succeeded && !string.IsNullOrEmpty(p.Branch));
        var branch = pushed?.Branch ?? context.Workspace.Branch;
        if (string.IsNullOrEmpty(branch))
        {
            return DeliveryResult.Failed(ChannelName, "There is no pushed branch to open a pull request from: deliver through 'push' before 'pr'.");
        }

        var (owner, repository) = (_options.Owner, _options.Repository);
        var head = $"{_options.HeadOwner ?? owner}:{branch}";
        var title = PullRequestBody.Title(context, _options);
        var body = PullRequestBody.Build(context, branch, _options);
        try
        {
            var pullRequest = await FindOpenAsync(head, branch, cancellationToken).ConfigureAwait(false);
            var created = false;
            if (pullRequest is null)
            {
                var baseBranch = _options.BaseBranch
                    ?? (await _client.GetRepositoryAsync(owner, repository, cancellationToken).ConfigureAwait(false)).DefaultBranch;
                try
                {
                    var request = new NewPullRequest { Title = title, Head = head, Base = baseBranch, Body = body, Draft = _options.Draft };
                    pullRequest = await _client.CreatePullRequestAsync(owner, repository, request, cancellationToken).ConfigureAwait(false);
                    created = true;
                }
                catch (GitHubApiException ex) when (ex.IsPullRequestAlreadyExists)
                {
                    // Another delivery of the same branch won the race between our listing and our create.
                    Log.PullRequestAlreadyExists(_logger, branch, owner, repository);
                    pullRequest = await FindOpenAsync(head, branch, cancellationToken).ConfigureAwait(false)
                        ?? throw new GitHubApiException($"GitHub says a pull request for {head} already exists, but none is open for that branch.", ex);
                }
            }

            if (!created)
            {
                var update = new PullRequestUpdate { Title = title, Body = body };
                pullRequest = await _client.UpdatePullRequestAsync(owner, repository, pullRequest.Number, update, cancellationToken).ConfigureAwait(false);
            }

            if (_options.Labels.Count > 0)
            {
                await _client.AddLabelsAsync(owner, repository, pullRequest.Number, _options.Labels, cancellationToken).ConfigureAwait(false);
            }

            var action = created ? "Opened" : "Updated";
            Log.PullRequestDelivered(_logger, action, pullRequest.Number, branch, owner, repository);
            return new DeliveryResult
            {
                Channel = ChannelName,
                Succeeded = true,
                Message = $"{action} pull request #{pullRequest.Number} in {owner}/{repository} from {branch}.",
                Branch = branch,
                Commit = pushed?.Commit ?? context.Result.Commit,
                Url = pullRequest.HtmlUrl,
            };
        }
        catch (GitHubApiException ex)
        {
            return DeliveryResult.Failed(ChannelName, $"Could not open or update the pull request for {branch} in {owner}/{repository}: {ex.Message}") with { Branch = branch };
        }
        catch (HttpRequestException ex)
        {
            return DeliveryResult.Failed(ChannelName, $"GitHub could not be reached to open the pull request for {branch}: {ex.Message}") with { Branch = branch };
        }
    }

    /// <summary>
    /// The reality check after a crash: finds the pull request an earlier attempt of this session opened (any state,
    /// from the session's branch, its body carrying the session's hidden marker), without changing anything.
    /// </summary>
    /// <param name="context">The delivery as it would be made now.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The earlier delivery's result, or <see langword="null"/> when no such pull request exists.</returns>
    /// <exception cref="GitHubApiException">GitHub could not be asked.</exception>
    public async ValueTask<DeliveryResult?> FindDeliveredAsync(DeliveryContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pushed = context.Previous.LastOrDefault(p => p.Succeeded && !string.IsNullOrEmpty(p.Branch));
        var branch = pushed?.Branch ?? context.BranchName ?? context.Workspace.Branch;
        if (string.IsNullOrEmpty(branch))
        {
            return null;
        }

        var head = $"{_options.HeadOwner ?? _options.Owner}:{branch}";
        var marker = PullRequestBody.SessionMarker(context.SessionId);
        var pulls = await _client.ListPullRequestsAsync(_options.Owner, _options.Repository, head, "all", cancellationToken).ConfigureAwait(false);
        var mine = pulls.FirstOrDefault(p => string.Equals(p.Head?.Ref, branch, StringComparison.Ordinal) && p.Body?.Contains(marker, StringComparison.Ordinal) == true);
        return mine is null
            ? null
            : new DeliveryResult
            {
                Channel = ChannelName,
                Succeeded = true,
                Message = $"Pull request #{mine.Number} in {_options.Owner}/{_options.Repository} from {branch} was opened by an earlier attempt of this session; not opened again.",
                Branch = branch,
                Commit = pushed?.Commit ?? context.Result.Commit,
                Url = mine.HtmlUrl,
            };
    }

    private async Task<GitHubPullRequest?> FindOpenAsync(string head, string branch, CancellationToken cancellationToken)
    {
        var open = await _client.ListPullRequestsAsync(_options.Owner, _options.Repository, head, "open", cancellationToken).ConfigureAwait(false);
        var mine = open.Where(p => string.Equals(p.Head?.Ref, branch, StringComparison.Ordinal)).ToList();
        return mine.FirstOrDefault(p => _options.BaseBranch is null || string.Equals(p.Base?.Ref, _options.BaseBranch, StringComparison.Ordinal))
            ?? mine.FirstOrDefault();
    }
}
