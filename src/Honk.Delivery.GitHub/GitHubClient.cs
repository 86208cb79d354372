using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Octo = Octokit;

namespace Honk.Delivery.GitHub;

/// <summary>
/// The GitHub calls Honk makes (repositories, pull requests, labels, comments, checks, statuses, Actions job logs,
/// merges), made through Octokit. Honk adds what Octokit leaves to its callers: bounded waits for rate limits
/// (<c>retry-after</c>, <c>x-ratelimit-reset</c>, secondary limits), cancellation, Honk's own small result records,
/// and one exception type (<see cref="GitHubApiException"/>) carrying GitHub's own message and never the token.
/// Works against github.com and GitHub Enterprise Server (<c>/api/v3/</c>).
/// </summary>
public sealed partial class GitHubClient
{
    /// <summary>The REST API version Honk is written against, sent as <c>X-GitHub-Api-Version</c>.</summary>
    public const string ApiVersion = "2022-11-28";

    private readonly GitHubClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates a client.</summary>
    /// <param name="httpClient">The HTTP client to send through; the caller owns it.</param>
    /// <param name="options">Where GitHub is and how to authenticate.</param>
    /// <param name="timeProvider">The clock for rate-limit waits; the system clock by default.</param>
    /// <param name="logger">A logger; the token is never logged.</param>
    public GitHubClient(HttpClient httpClient, GitHubClientOptions options, TimeProvider? timeProvider = null, ILogger<GitHubClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        ApiUrl = ApiRoot(options.BaseUrl);
        var credentials = string.IsNullOrEmpty(options.Token) ? Octo.Credentials.Anonymous : new Octo.Credentials(options.Token, Octo.AuthenticationType.Bearer);
        var connection = new Octo.Connection(
            new Octo.ProductHeaderValue(options.UserAgent),
            ApiUrl,
            new Octo.Internal.InMemoryCredentialStore(credentials),
            new Octo.Internal.HttpClientAdapter(() => new GitHubHttpHandler(httpClient, ApiUrl)),
            new Octo.Internal.SimpleJsonSerializer());
        Octokit = new Octo.GitHubClient(connection);
    }

    /// <summary>
    /// The Octokit client underneath, for calls Honk does not wrap. Its calls get none of Honk's rate-limit waits
    /// or cancellation.
    /// </summary>
    public Octo.IGitHubClient Octokit { get; }

    /// <summary>The API root requests go to: <c>https://api.github.com/</c>, or <c>{server}/api/v3/</c> for GitHub Enterprise Server.</summary>
    public Uri ApiUrl { get; }

    /// <summary>Gets a repository (<c>GET /repos/{owner}/{repo}</c>).</summary>
    /// <param name="owner">The account owning the repository.</param>
    /// <param name="repository">The repository's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The repository.</returns>
    /// <exception cref="GitHubApiException">GitHub refused the request.</exception>
    public Task<GitHubRepository> GetRepositoryAsync(string owner, string repository, CancellationToken cancellationToken = default)
    {
        CheckRepository(owner, repository);
        return CallAsync($"GET repos/{owner}/{repository}", async () =>
        {
            var repo = await Octokit.Repository.Get(owner, repository).ConfigureAwait(false);
            return new GitHubRepository { FullName = repo.FullName, DefaultBranch = repo.DefaultBranch, HtmlUrl = ToUri(repo.HtmlUrl) };
        }, cancellationToken);
    }

    /// <summary>
    /// Lists pull requests (<c>GET /repos/{owner}/{repo}/pulls</c>), following <c>Link: rel="next"</c> pages up to
    /// <see cref="GitHubClientOptions.MaxPages"/>.
    /// </summary>
    /// <param name="owner">The account owning the repository.</param>
    /// <param name="repository">The repository's name.</param>
    /// <param name="head">Only pull requests from this head, as <c>owner:branch</c>; all when <see langword="null"/>.</param>
    /// <param name="state"><c>open</c>, <c>closed</c> or <c>all</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The pull requests of every page.</returns>
    /// <exception cref="GitHubApiException">GitHub refused a request, or a page link left the API's host.</exception>
    public Task<IReadOnlyList<GitHubPullRequest>> ListPullRequestsAsync(
        string owner, string repository, string? head = null, string state = "open", CancellationToken cancellationToken = default)
    {
        CheckRepository(owner, repository);
        var filter = state switch
        {
            "open" => Octo.ItemStateFilter.Open,
            "closed" => Octo.ItemStateFilter.Closed,
            "all" => Octo.ItemStateFilter.All,
            _ => throw new ArgumentException($"A pull request state is 'open', 'closed' or 'all', not '{state}'.", nameof(state)),
        };
        return CallAsync<IReadOnlyList<GitHubPullRequest>>($"GET repos/{owner}/{repository}/pulls", async () =>
        {
            var request = new Octo.PullRequestRequest { State = filter, Head = head };
            var pulls = await Octokit.PullRequest.GetAllForRepository(owner, repository, request, Pages()).ConfigureAwait(false);
            return [.. pulls.Select(GitHubPullRequest.From)];
        }, cancellationToken);
    }

    /// <summary>Gets one pull request (<c>GET /repos/{owner}/{repo}/pulls/{number}</c>), with its mergeability.</summary>
    /// <param name="owner">The account owning the repository.</param>
    /// <param name="repository">The repository's name.</param>
    /// <param name="number">The pull request's number.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The pull request.</returns>
    /// <exception cref="GitHubApiException">GitHub refused the request (404 when there is no such pull request).</exception>
    public Task<GitHubPullRequest> GetPullRequestAsync(string owner, string repository, int number, CancellationToken cancellationToken = default)
    {
        CheckRepository(owner, repository);
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        return CallAsync($"GET repos/{owner}/{repository}/pulls/{number}", async () =>
            GitHubPullRequest.From(await Octokit.PullRequest.Get(owner, repository, number).ConfigureAwait(false)), cancellationToken);
    }

    /// <summary>Opens a pull request (<c>POST /repos/{owner}/{repo}/pulls</c>).</summary>
    /// <param name="owner">The account owning the repository.</param>
    /// <param name="repository">The repository's name.</param>
    /// <param name="pullRequest">Title, head, base, body and draft flag.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new pull request.</returns>
    /// <exception cref="GitHubApiException">GitHub refused the request (see <see cref="GitHubApiException.IsPullRequestAlreadyExists"/>).</exception>
    public Task<GitHubPullRequest> CreatePullRequestAsync(string owner, string repository, NewPullRequest pullRequest, CancellationToken cancellationToken = default)
    {
        CheckRepository(owner, repository);
        ArgumentNullException.ThrowIfNull(pullRequest);
        return CallAsync($"POST repos/{owner}/{repository}/pulls", async () =>
        {
            var request = new Octo.NewPullRequest(pullRequest.Title, pullRequest.Head, pullRequest.Base) { Body = pullRequest.Body, Draft = pullRequest.Draft };
            return GitHubPullRequest.From(await Octokit.PullRequest.Create(owner, repository, request).ConfigureAwait(false));
        }, cancellationToken);
    }

    /// <summary>Changes a pull request (<c>PATCH /repos/{owner}/{repo}/pulls/{number}</c>).</summary>
    /// <param name="owner">The account owning the repository.</param>
    /// <param name="repository">The repository's name.</param>
    /// <param name="number">The pull request's number.</param>
    /// <param name="update">The fields to change.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The updated pull request.</returns>
    /// <exception cref="GitHubApiException">GitHub refused the request.</exception>
    public Task<GitHubPullRequest> UpdatePullRequestAsync(string owner, string repository, int number, PullRequestUpdate update, CancellationToken cancellationToken = default)
    {
        CheckRepository(owner, repository);
        ArgumentNullException.ThrowIfNull(update);
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        var state = update.State switch
        {
            null => (Octo.ItemState?)null,
            "open" => Octo.ItemState.Open,
            "closed" => Octo.ItemState.Closed,
            _ => throw new ArgumentException($"A pull request's state is 'open' or 'closed', not '{update.State}'.", nameof(update)),
        };
        return CallAsync($"PATCH repos/{owner}/{repository}/pulls/{number}", async () =>
        {
            var request = new Octo.PullRequestUpdate { Title = update.Title, Body = update.Body, Base = update.Base, State = state };
            return GitHubPullRequest.From(await Octokit.PullRequest.Update(owner, repository, number, request).ConfigureAwait(false));
        }, cancellationToken);
    }

    /// <summary>Adds labels to an issue or pull request (<c>POST /repos/{owner}/{repo}/issues/{number}/labels</c>); labels already there stay.</summary>
    /// <param name="owner">The account owning the repository.</param>
    /// <param name="repository">The repository's name.</param>
    /// <param name="issueNumber">The issue or pull request number.</param>
    /// <param name="labels">The label names; GitHub creates missing ones.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The names of all labels now on the issue.</returns>
    /// <exception cref="GitHubApiException">GitHub refused the request.</exception>
    public Task<IReadOnlyList<string>> AddLabelsAsync(string owner, string repository, int issueNumber, IEnumerable<string> labels, CancellationToken cancellationToken = default)
    {
        CheckRepository(owner, repository);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(issueNumber, 1);
        var names = labels.ToArray();
        return CallAsync<IReadOnlyList<string>>($"POST repos/{owner}/{repository}/issues/{issueNumber}/labels", async () =>
            [.. (await Octokit.Issue.Labels.AddToIssue(owner, repository, issueNumber, names).ConfigureAwait(false)).Select(l => l.Name)], cancellationToken);
    }

    private static void CheckRepository(string owner, string repository)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentException.ThrowIfNullOrWhiteSpace(repository);
    }

    private Octo.ApiOptions Pages() => new() { PageSize = 100, PageCount = _options.MaxPages };

    internal static Uri? ToUri(string? text) => Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null;

    /// <summary>Octokit's rule for the API root: github.com is <c>api.github.com</c>; any other server serves it under <c>/api/v3/</c>.</summary>
    private static Uri ApiRoot(Uri baseUrl)
        => baseUrl.Host is "github.com" or "api.github.com" ? new Uri("https://api.github.com/") : new Uri(baseUrl, "/api/v3/");
}
