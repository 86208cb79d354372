using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Honk.Delivery.Tests.GitHub;

/// <summary>
/// A loopback server that follows GitHub's documented REST contract for the endpoints Honk uses, served under
/// <c>/api/v3/</c> as GitHub Enterprise Server does (Octokit's root for any host but github.com): bearer auth (401
/// "Bad credentials" otherwise), required User-Agent, the pulls list with <c>head</c>/<c>state</c> filters and
/// <c>Link</c> pagination, 422 "A pull request already exists", labels, comments, check runs, commit statuses, Actions
/// job logs (a 302 to a download on another host name) and merges (405 not mergeable, 409 head moved). Failures (rate
/// limits) can be queued.
/// </summary>
internal sealed partial class FakeGitHub : IAsyncDisposable
{
    public const string Token = "ghp_s3cr3t-test-token";

    private readonly Lock _gate = new();
    private readonly List<JsonObject> _pulls = [];
    private readonly ConcurrentQueue<LoopbackResponse> _failures = new();
    private readonly string _prefix;
    private readonly LoopbackServer _server;

    public FakeGitHub()
    {
        _prefix = "/api/v3/";
        _server = LoopbackServer.Start(request =>
        {
            var response = Handle(request);
            AfterHandled?.Invoke(request, response);
            return response;
        });
    }

    /// <summary>The URL to configure the client with: the server's root (the client adds <c>/api/v3/</c>).</summary>
    public Uri ApiUrl => _server.BaseUrl;

    public Uri ServerUrl => _server.BaseUrl;

    public IReadOnlyList<RecordedRequest> Requests => _server.Requests;

    /// <summary>Called after a request took effect and before its answer leaves (a kill here: GitHub did it, the caller never heard).</summary>
    public Action<RecordedRequest, LoopbackResponse>? AfterHandled { get; set; }

    /// <summary>Items per page the server uses whatever per_page asks (GitHub caps at 100; small here to force pages).</summary>
    public int PageSize { get; set; } = 30;

    /// <summary>The next N listings of pull requests come back empty (a listing racing a concurrent create).</summary>
    public int HideFromListings { get; set; }

    /// <summary>A Link header target to send instead of the real next page (to test foreign hosts).</summary>
    public string? NextLinkOverride { get; set; }

    public IReadOnlyList<JsonObject> PullRequests
    {
        get
        {
            lock (_gate)
            {
                return [.. _pulls.Select(p => (JsonObject)p.DeepClone())];
            }
        }
    }

    public void Fail(LoopbackResponse response) => _failures.Enqueue(response);

    public int AddPullRequest(string owner, string branch, string baseBranch = "main", string state = "open", string? body = null)
    {
        lock (_gate)
        {
            _pulls.Add(NewPull(owner, "repo", _pulls.Count + 1, "existing", body, branch, baseBranch, draft: false, state));
            return _pulls.Count;
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private LoopbackResponse Handle(RecordedRequest request)
    {
        if (request.Path.StartsWith(BlobPrefix, StringComparison.Ordinal))
        {
            return Blob(request);
        }

        if (request.Header("Authorization") != "Bearer " + Token)
        {
            return LoopbackResponse.Json(401, new { message = "Bad credentials", documentation_url = "https://docs.github.com/rest", status = "401" });
        }

        if (string.IsNullOrEmpty(request.Header("User-Agent")))
        {
            return LoopbackResponse.Json(403, new { message = "Request forbidden by administrative rules. Please make sure your request has a User-Agent header." });
        }

        if (_failures.TryDequeue(out var failure))
        {
            return failure;
        }

        if (!request.Path.StartsWith(_prefix, StringComparison.Ordinal))
        {
            return NotFound();
        }

        var path = request.Path[_prefix.Length..];
        var match = RoutePattern().Match(path);
        if (!match.Success)
        {
            return NotFound();
        }

        var (owner, repo, rest) = (match.Groups["owner"].Value, match.Groups["repo"].Value, match.Groups["rest"].Value);
        var segments = rest.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return (request.Method, segments) switch
        {
            ("GET", []) => LoopbackResponse.Json(200, new { full_name = $"{owner}/{repo}", default_branch = "main", html_url = $"https://github.test/{owner}/{repo}" }),
            ("GET", ["pulls"]) => List(request, owner, repo),
            ("POST", ["pulls"]) => Create(request, owner, repo),
            ("GET", ["pulls", var n]) => GetPull(Int(n)),
            ("PATCH", ["pulls", var n]) => Update(request, Int(n)),
            ("PUT", ["pulls", var n, "merge"]) => Merge(request, Int(n)),
            ("POST", ["issues", var n, "labels"]) => Labels(request, Int(n)),
            ("POST", ["issues", var n, "comments"]) => CreateComment(request, owner, repo, Int(n)),
            ("GET", ["issues", var n, "comments"]) => ListComments(Int(n)),
            ("GET", ["commits", var sha, "check-runs"]) => CheckRunsFor(sha),
            ("GET", ["commits", var sha, "status"]) => StatusFor(sha),
            ("GET", ["actions", "jobs", var id, "logs"]) => JobLogsRedirect(id),
            _ => NotFound(),
        };
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private LoopbackResponse List(RecordedRequest request, string owner, string repo)
    {
        var state = request.Query("state") ?? "open";
        var head = request.Query("head");
        var page = int.Parse(request.Query("page") ?? "1", CultureInfo.InvariantCulture);
        List<JsonObject> matching;
        lock (_gate)
        {
            if (HideFromListings > 0)
            {
                HideFromListings--;
                matching = [];
            }
            else
            {
                matching = [.. _pulls.Where(p => (state == "all" || p["state"]!.GetValue<string>() == state)
                    && (head is null || p["head"]!["label"]!.GetValue<string>() == head))];
            }
        }

        JsonNode?[] items;
        lock (_gate)
        {
            items = [.. matching.Skip((page - 1) * PageSize).Take(PageSize).Select(p => Refresh(p).DeepClone())];
        }

        var headers = new Dictionary<string, string>();
        var lastPage = Math.Max(1, (matching.Count + PageSize - 1) / PageSize);
        if (page < lastPage)
        {
            var query = $"state={state}&per_page={PageSize}" + (head is null ? "" : "&head=" + Uri.EscapeDataString(head));
            var next = NextLinkOverride ?? new Uri(_server.BaseUrl, $"{_prefix}repos/{owner}/{repo}/pulls?{query}&page={page + 1}").AbsoluteUri;
            var last = new Uri(_server.BaseUrl, $"{_prefix}repos/{owner}/{repo}/pulls?{query}&page={lastPage}").AbsoluteUri;
            headers["Link"] = $"<{next}>; rel=\"next\", <{last}>; rel=\"last\"";
        }

        return new LoopbackResponse(200, new JsonArray(items).ToJsonString(), headers);
    }

    private LoopbackResponse Create(RecordedRequest request, string owner, string repo)
    {
        var body = request.Json;
        var head = body["head"]?.GetValue<string>();
        var baseBranch = body["base"]?.GetValue<string>();
        var title = body["title"]?.GetValue<string>();
        if (string.IsNullOrEmpty(head) || string.IsNullOrEmpty(baseBranch) || string.IsNullOrEmpty(title))
        {
            return LoopbackResponse.Json(422, new { message = "Validation Failed", errors = new[] { new { resource = "PullRequest", field = "head", code = "missing_field" } } });
        }

        var label = head.Contains(':', StringComparison.Ordinal) ? head : $"{owner}:{head}";
        lock (_gate)
        {
            if (_pulls.Any(p => p["state"]!.GetValue<string>() == "open" && p["head"]!["label"]!.GetValue<string>() == label && p["base"]!["ref"]!.GetValue<string>() == baseBranch))
            {
                return LoopbackResponse.Json(422, new
                {
                    message = "Validation Failed",
                    errors = new[] { new { resource = "PullRequest", code = "custom", message = $"A pull request already exists for {label}." } },
                    documentation_url = "https://docs.github.com/rest/pulls/pulls#create-a-pull-request",
                });
            }

            var pull = NewPull(label.Split(':')[0], repo, _pulls.Count + 1, title, body["body"]?.GetValue<string>(), label.Split(':', 2)[1], baseBranch,
                body["draft"]?.GetValue<bool>() ?? false, "open");
            _pulls.Add(pull);
            return new LoopbackResponse(201, Refresh(pull).ToJsonString());
        }
    }

    private LoopbackResponse Update(RecordedRequest request, int number)
    {
        lock (_gate)
        {
            var pull = _pulls.FirstOrDefault(p => p["number"]!.GetValue<int>() == number);
            if (pull is null)
            {
                return NotFound();
            }

            foreach (var field in new[] { "title", "body", "state" })
            {
                if (request.Json[field] is { } value)
                {
                    pull[field] = value.DeepClone();
                }
            }

            return new LoopbackResponse(200, pull.ToJsonString());
        }
    }

    private LoopbackResponse Labels(RecordedRequest request, int number)
    {
        lock (_gate)
        {
            var pull = _pulls.FirstOrDefault(p => p["number"]!.GetValue<int>() == number);
            if (pull is null)
            {
                return NotFound();
            }

            var labels = (JsonArray)pull["labels"]!;
            // GitHub documents both bodies: {"labels": ["a"]} and a bare ["a"] (Octokit sends the latter).
            var names = request.Json is JsonArray bare ? bare : request.Json["labels"]!.AsArray();
            foreach (var name in names.Select(l => l!.GetValue<string>()))
            {
                if (!labels.Any(l => l!["name"]!.GetValue<string>() == name))
                {
                    labels.Add(new JsonObject { ["name"] = name });
                }
            }

            return new LoopbackResponse(200, labels.ToJsonString());
        }
    }

    private static LoopbackResponse NotFound()
        => LoopbackResponse.Json(404, new { message = "Not Found", documentation_url = "https://docs.github.com/rest" });

    private static JsonObject NewPull(string owner, string repo, int number, string title, string? body, string branch, string baseBranch, bool draft, string state) => new()
    {
        ["number"] = number,
        ["html_url"] = $"https://github.test/{owner}/{repo}/pull/{number}",
        ["state"] = state,
        ["title"] = title,
        ["body"] = body,
        ["draft"] = draft,
        ["merged"] = false,
        ["mergeable"] = true,
        ["mergeable_state"] = "clean",
        ["head"] = new JsonObject { ["ref"] = branch, ["label"] = $"{owner}:{branch}", ["sha"] = "abc123" },
        ["base"] = new JsonObject { ["ref"] = baseBranch, ["label"] = $"{owner}:{baseBranch}", ["sha"] = "base000" },
        ["labels"] = new JsonArray(),
    };

    [GeneratedRegex("^repos/(?<owner>[^/]+)/(?<repo>[^/]+)(?<rest>.*)$")]
    private static partial Regex RoutePattern();
}
