using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Honk.Delivery.GitHub;

/// <summary>
/// A thin, typed client for the few GitHub REST endpoints a delivery needs (repositories, pull requests, labels,
/// comments). Works against github.com and GitHub Enterprise Server; waits out rate limits within bounds; turns
/// GitHub's error documents into <see cref="GitHubApiException"/>.
/// </summary>
public sealed partial class GitHubClient
{
    private readonly HttpClient _http;
    private readonly GitHubClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Uri _baseUrl;

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
        _http = httpClient;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;

        // Without the trailing slash a relative path would replace the last segment (".../api/v3" + "repos" -> ".../api/repos").
        var text = options.BaseUrl.AbsoluteUri;
        _baseUrl = new Uri(text.EndsWith('/') ? text : text + "/");
    }

    /// <summary>Gets a repository (<c>GET /repos/{owner}/{repo}</c>).</summary>
    /// <param name="owner">The account owning the repository.</param>
    /// <param name="repository">The repository's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The repository.</returns>
    /// <exception cref="GitHubApiException">GitHub refused the request.</exception>
    public async Task<GitHubRepository> GetRepositoryAsync(string owner, string repository, CancellationToken cancellationToken = default)
    {
        var response = await SendAsync(HttpMethod.Get, Resolve(RepoPath(owner, repository)), null, cancellationToken).ConfigureAwait(false);
        return Deserialize<GitHubRepository>(response.Body);
    }

    /// <summary>
    /// Lists pull requests (<c>GET /repos/{owner}/{repo}/pulls</c>), following every <c>Link: rel="next"</c> page.
    /// </summary>
    /// <param name="owner">The account owning the repository.</param>
    /// <param name="repository">The repository's name.</param>
    /// <param name="head">Only pull requests from this head, as <c>owner:branch</c>; all when <see langword="null"/>.</param>
    /// <param name="state"><c>open</c>, <c>closed</c> or <c>all</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The pull requests of every page.</returns>
    /// <exception cref="GitHubApiException">GitHub refused a request, or a page link left the API's host.</exception>
    public async Task<IReadOnlyList<GitHubPullRequest>> ListPullRequestsAsync(
        string owner, string repository, string? head = null, string state = "open", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(state);
        var query = $"?state={Uri.EscapeDataString(state)}&per_page=100" + (head is null ? "" : $"&head={Uri.EscapeDataString(head)}");
        Uri? next = Resolve(RepoPath(owner, repository) + "/pulls" + query);
        var all = new List<GitHubPullRequest>();
        for (var page = 1; next is not null; page++)
        {
            if (page > _options.MaxPages)
            {
                throw new GitHubApiException($"GitHub listed more than {_options.MaxPages} pages of pull requests; stopped following them.");
            }

            var response = await SendAsync(HttpMethod.Get, next, null, cancellationToken).ConfigureAwait(false);
            all.AddRange(Deserialize<List<GitHubPullRequest>>(response.Body));
            next = response.Next is null ? null : EnsureSameOrigin(response.Next);
        }

        return all;
    }

    /// <summary>Opens a pull request (<c>POST /repos/{owner}/{repo}/pulls</c>).</summary>
    /// <param name="owner">The account owning the repository.</param>
    /// <param name="repository">The repository's name.</param>
    /// <param name="pullRequest">Title, head, base, body and draft flag.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new pull request.</returns>
    /// <exception cref="GitHubApiException">GitHub refused the request (see <see cref="GitHubApiException.IsPullRequestAlreadyExists"/>).</exception>
    public async Task<GitHubPullRequest> CreatePullRequestAsync(string owner, string repository, NewPullRequest pullRequest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pullRequest);
        var response = await SendAsync(HttpMethod.Post, Resolve(RepoPath(owner, repository) + "/pulls"), pullRequest, cancellationToken).ConfigureAwait(false);
        return Deserialize<GitHubPullRequest>(response.Body);
    }

    /// <summary>Changes a pull request (<c>PATCH /repos/{owner}/{repo}/pulls/{number}</c>).</summary>
    /// <param name="owner">The account owning the repository.</param>
    /// <param name="repository">The repository's name.</param>
    /// <param name="number">The pull request's number.</param>
    /// <param name="update">The fields to change.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The updated pull request.</returns>
    /// <exception cref="GitHubApiException">GitHub refused the request.</exception>
    public async Task<GitHubPullRequest> UpdatePullRequestAsync(string owner, string repository, int number, PullRequestUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        var path = RepoPath(owner, repository) + "/pulls/" + number.ToString(CultureInfo.InvariantCulture);
        var response = await SendAsync(HttpMethod.Patch, Resolve(path), update, cancellationToken).ConfigureAwait(false);
        return Deserialize<GitHubPullRequest>(response.Body);
    }

    /// <summary>Adds labels to an issue or pull request (<c>POST /repos/{owner}/{repo}/issues/{number}/labels</c>); labels already there stay.</summary>
    /// <param name="owner">The account owning the repository.</param>
    /// <param name="repository">The repository's name.</param>
    /// <param name="issueNumber">The issue or pull request number.</param>
    /// <param name="labels">The label names; GitHub creates missing ones.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The names of all labels now on the issue.</returns>
    /// <exception cref="GitHubApiException">GitHub refused the request.</exception>
    public async Task<IReadOnlyList<string>> AddLabelsAsync(string owner, string repository, int issueNumber, IEnumerable<string> labels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(issueNumber, 1);
        var path = RepoPath(owner, repository) + "/issues/" + issueNumber.ToString(CultureInfo.InvariantCulture) + "/labels";
        var response = await SendAsync(HttpMethod.Post, Resolve(path), new { labels = labels.ToArray() }, cancellationToken).ConfigureAwait(false);
        using var document = ParseDocument(response.Body);
        return document.RootElement.ValueKind != JsonValueKind.Array
            ? []
            : [.. document.RootElement.EnumerateArray()
                .Select(l => l.ValueKind == JsonValueKind.Object && l.TryGetProperty("name", out var n) ? n.GetString() : null)
                .OfType<string>()];
    }

    /// <summary>Comments on an issue or pull request (<c>POST /repos/{owner}/{repo}/issues/{number}/comments</c>).</summary>
    /// <param name="owner">The account owning the repository.</param>
    /// <param name="repository">The repository's name.</param>
    /// <param name="issueNumber">The issue or pull request number.</param>
    /// <param name="body">The comment (Markdown).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new comment.</returns>
    /// <exception cref="GitHubApiException">GitHub refused the request.</exception>
    public async Task<GitHubIssueComment> CreateIssueCommentAsync(string owner, string repository, int issueNumber, string body, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(body);
        ArgumentOutOfRangeException.ThrowIfLessThan(issueNumber, 1);
        var path = RepoPath(owner, repository) + "/issues/" + issueNumber.ToString(CultureInfo.InvariantCulture) + "/comments";
        var response = await SendAsync(HttpMethod.Post, Resolve(path), new { body }, cancellationToken).ConfigureAwait(false);
        return Deserialize<GitHubIssueComment>(response.Body);
    }

    private static string RepoPath(string owner, string repository)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentException.ThrowIfNullOrWhiteSpace(repository);
        return $"repos/{Uri.EscapeDataString(owner)}/{Uri.EscapeDataString(repository)}";
    }

    private Uri Resolve(string relative) => new(_baseUrl, relative);

    private Uri EnsureSameOrigin(Uri next)
    {
        // The token goes with every request: never follow a link to another host.
        if (Uri.Compare(next, _baseUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            throw new GitHubApiException($"GitHub's next-page link points to {next.GetLeftPart(UriPartial.Authority)}, not to {_baseUrl.GetLeftPart(UriPartial.Authority)}; refusing to send the token there.");
        }

        return next;
    }

    private static T Deserialize<T>(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, GitHubJson.Options)
                ?? throw new GitHubApiException($"GitHub answered with an empty document where a {typeof(T).Name} was expected.");
        }
        catch (JsonException ex)
        {
            throw new GitHubApiException($"GitHub's answer is not the expected {typeof(T).Name}: {ex.Message}", ex);
        }
    }

    private static JsonDocument ParseDocument(string body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new GitHubApiException($"GitHub's answer is not JSON: {ex.Message}", ex);
        }
    }
}
