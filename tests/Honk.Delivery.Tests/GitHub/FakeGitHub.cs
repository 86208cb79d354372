using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Honk.Delivery.Tests.GitHub;

/// <summary>
/// A loopback server that follows GitHub's documented REST contract for the endpoints Honk uses: bearer auth (401
/// "Bad credentials" otherwise), required User-Agent, the pulls list with <c>head</c>/<c>state</c> filters and
/// <c>Link</c> pagination, 422 "A pull request already exists", labels and comments. Failures (rate limits) can be queued.
/// </summary>
internal sealed partial class FakeGitHub : IAsyncDisposable
{
    public const string Token = "ghp_s3cr3t-test-token";

    private readonly Lock _gate = new();
    private readonly List<JsonObject> _pulls = [];
    private readonly ConcurrentQueue<LoopbackResponse> _failures = new();
    private readonly string _prefix;
    private readonly LoopbackServer _server;

    public FakeGitHub(string pathPrefix = "/")
    {
        _prefix = pathPrefix.EndsWith('/') ? pathPrefix : pathPrefix + "/";
        _server = LoopbackServer.Start(Handle);
    }

    /// <summary>The API root to configure the client with (the server's root plus the path prefix).</summary>
    public Uri ApiUrl => new(_server.BaseUrl, _prefix.TrimEnd('/'));

    public Uri ServerUrl => _server.BaseUrl;

    public IReadOnlyList<RecordedRequest> Requests => _server.Requests;

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

    public void AddPullRequest(string owner, string branch, string baseBranch = "main", string state = "open")
    {
        lock (_gate)
        {
            _pulls.Add(NewPull(owner, "repo", _pulls.Count + 1, "existing", null, branch, baseBranch, draft: false, state));
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private LoopbackResponse Handle(RecordedRequest request)
    {
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
        return (request.Method, rest) switch
        {
            ("GET", "") => LoopbackResponse.Json(200, new { full_name = $"{owner}/{repo}", default_branch = "main", html_url = $"https://github.test/{owner}/{repo}" }),
            ("GET", "/pulls") => List(request, owner, repo),
            ("POST", "/pulls") => Create(request, owner, repo),
            ("PATCH", var r) when r.StartsWith("/pulls/", StringComparison.Ordinal) => Update(request, int.Parse(r["/pulls/".Length..], CultureInfo.InvariantCulture)),
            ("POST", var r) when r.EndsWith("/labels", StringComparison.Ordinal) => Labels(request, Number(r)),
            ("POST", var r) when r.EndsWith("/comments", StringComparison.Ordinal) => LoopbackResponse.Json(201, new
            {
                id = 9001,
                html_url = $"https://github.test/{owner}/{repo}/pull/{Number(r)}#issuecomment-9001",
                body = request.Json["body"]!.GetValue<string>(),
            }),
            _ => NotFound(),
        };
    }

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

        var items = matching.Skip((page - 1) * PageSize).Take(PageSize).Select(p => p.DeepClone()).ToArray();
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
            return new LoopbackResponse(201, pull.ToJsonString());
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
            foreach (var name in request.Json["labels"]!.AsArray().Select(l => l!.GetValue<string>()))
            {
                if (!labels.Any(l => l!["name"]!.GetValue<string>() == name))
                {
                    labels.Add(new JsonObject { ["name"] = name });
                }
            }

            return new LoopbackResponse(200, labels.ToJsonString());
        }
    }

    private static int Number(string rest) => int.Parse(rest.Split('/')[2], CultureInfo.InvariantCulture);

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
        ["head"] = new JsonObject { ["ref"] = branch, ["label"] = $"{owner}:{branch}", ["sha"] = "abc123" },
        ["base"] = new JsonObject { ["ref"] = baseBranch, ["label"] = $"{owner}:{baseBranch}" },
        ["labels"] = new JsonArray(),
    };

    [GeneratedRegex("^repos/(?<owner>[^/]+)/(?<repo>[^/]+)(?<rest>.*)$")]
    private static partial Regex RoutePattern();
}
