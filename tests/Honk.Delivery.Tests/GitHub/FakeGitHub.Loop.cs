using System.Text.Json.Nodes;

namespace Honk.Delivery.Tests.GitHub;

/// <summary>The fake's endpoints after a pull request opens: comments, check runs, statuses, job logs, merges.</summary>
internal sealed partial class FakeGitHub
{
    private const string BlobPrefix = "/_blobs/job-logs/";
    private readonly List<(int Issue, JsonObject Comment)> _comments = [];
    private readonly List<JsonObject> _checkRuns = [];
    private readonly List<(string Sha, JsonObject Status)> _statuses = [];
    private readonly Dictionary<long, string> _jobLogs = [];
    private long _nextCommentId = 9001;

    /// <summary>
    /// Where branches really are (a git remote the sessions push to): when set, a pull request's <c>head.sha</c> and
    /// <c>base.sha</c> are read from it at every answer, as GitHub shows the branch tips after a push.
    /// </summary>
    public Func<string, string?>? BranchTip { get; set; }

    /// <summary>
    /// Whether a head conflicts with a base (<c>(baseSha, headSha) =&gt; conflicts</c>), e.g. read with real git: when set,
    /// an open pull request's <c>mergeable</c> and <c>mergeable_state</c> (<c>dirty</c> / <c>clean</c>) follow it at every
    /// answer, as GitHub computes them after a push to either branch.
    /// </summary>
    public Func<string, string, bool>? Conflicts { get; set; }

    /// <summary>Whether each log download carried an Authorization header (it must not: it leaves the API).</summary>
    public List<bool> LogDownloadsWithToken { get; } = [];

    public IReadOnlyList<string> Comments(int issue)
    {
        lock (_gate)
        {
            return [.. _comments.Where(c => c.Issue == issue).Select(c => c.Comment["body"]!.GetValue<string>())];
        }
    }

    public void AddComment(int issue, string body)
    {
        lock (_gate)
        {
            _comments.Add((issue, new JsonObject { ["id"] = _nextCommentId++, ["body"] = body }));
        }
    }

    /// <summary>Adds a check run on a commit; a failed one can carry its job's log (served by the Actions logs endpoint).</summary>
    public long AddCheckRun(string sha, string name, string status = "completed", string? conclusion = "success", string? log = null)
    {
        lock (_gate)
        {
            var id = 7000 + _checkRuns.Count + 1;
            _checkRuns.Add(new JsonObject
            {
                ["id"] = id,
                ["name"] = name,
                ["head_sha"] = sha,
                ["status"] = status,
                ["conclusion"] = conclusion,
                ["details_url"] = $"https://github.test/octo/repo/actions/runs/1/job/{id}",
                ["started_at"] = "2026-01-02T03:04:05Z",
                ["output"] = new JsonObject { ["title"] = name, ["summary"] = conclusion ?? status, ["text"] = null, ["annotations_count"] = 0 },
            });
            if (log is not null)
            {
                _jobLogs[id] = log;
            }

            return id;
        }
    }

    /// <summary>A check run finishes (or is re-run) with a new conclusion.</summary>
    public void CompleteCheckRun(long id, string conclusion)
    {
        lock (_gate)
        {
            var run = _checkRuns.First(r => r["id"]!.GetValue<int>() == id);
            run["status"] = "completed";
            run["conclusion"] = conclusion;
        }
    }

    public void AddStatus(string sha, string context, string state, string? description = null)
    {
        lock (_gate)
        {
            _statuses.Add((sha, new JsonObject { ["context"] = context, ["state"] = state, ["description"] = description, ["target_url"] = null, ["id"] = _statuses.Count + 1 }));
        }
    }

    /// <summary>Changes a pull request's fields as GitHub would after a push or a base move (head sha, mergeability).</summary>
    public void SetPull(int number, string? headSha = null, bool? mergeable = null, string? mergeableState = null, bool? draft = null)
    {
        lock (_gate)
        {
            var pull = _pulls.First(p => p["number"]!.GetValue<int>() == number);
            if (headSha is not null)
            {
                pull["head"]!["sha"] = headSha;
            }

            if (mergeable is not null)
            {
                pull["mergeable"] = mergeable;
            }

            if (mergeableState is not null)
            {
                pull["mergeable_state"] = mergeableState;
            }

            if (draft is not null)
            {
                pull["draft"] = draft;
            }
        }
    }

    private LoopbackResponse GetPull(int number)
    {
        lock (_gate)
        {
            var pull = _pulls.FirstOrDefault(p => p["number"]!.GetValue<int>() == number);
            return pull is null ? NotFound() : new LoopbackResponse(200, Refresh(pull).ToJsonString());
        }
    }

    /// <summary>The pull request with its head and base SHAs read from <see cref="BranchTip"/> (an open one only: a merged one keeps its last head).</summary>
    private JsonObject Refresh(JsonObject pull)
    {
        if (BranchTip is { } tip && pull["state"]!.GetValue<string>() == "open")
        {
            foreach (var side in new[] { "head", "base" })
            {
                if (tip(pull[side]!["ref"]!.GetValue<string>()) is { } sha)
                {
                    pull[side]!["sha"] = sha;
                }
            }
        }

        if (Conflicts is { } conflicts && pull["state"]!.GetValue<string>() == "open")
        {
            var dirty = conflicts(pull["base"]!["sha"]!.GetValue<string>(), pull["head"]!["sha"]!.GetValue<string>());
            pull["mergeable"] = !dirty;
            pull["mergeable_state"] = dirty ? "dirty" : "clean";
        }

        return pull;
    }

    private LoopbackResponse Merge(RecordedRequest request, int number)
    {
        lock (_gate)
        {
            var pull = _pulls.FirstOrDefault(p => p["number"]!.GetValue<int>() == number);
            if (pull is null)
            {
                return NotFound();
            }

            Refresh(pull);
            var body = string.IsNullOrEmpty(request.Body) ? new JsonObject() : request.Json;
            if (pull["state"]!.GetValue<string>() != "open" || pull["mergeable"]?.GetValue<bool>() == false || pull["draft"]!.GetValue<bool>())
            {
                return LoopbackResponse.Json(405, new { message = "Pull Request is not mergeable", documentation_url = "https://docs.github.com/rest/pulls/pulls#merge-a-pull-request" });
            }

            if (body["sha"]?.GetValue<string>() is { } sha && sha != pull["head"]!["sha"]!.GetValue<string>())
            {
                return LoopbackResponse.Json(409, new { message = "Head branch was modified. Review and try the merge again.", documentation_url = "https://docs.github.com/rest/pulls/pulls#merge-a-pull-request" });
            }

            var method = body["merge_method"]?.GetValue<string>() ?? "merge";
            pull["state"] = "closed";
            pull["merged"] = true;
            pull["merged_at"] = "2026-01-02T03:04:05Z";
            pull["merge_method_used"] = method;
            return LoopbackResponse.Json(200, new { sha = "merged" + number + method, merged = true, message = "Pull Request successfully merged" });
        }
    }

    private LoopbackResponse CreateComment(RecordedRequest request, string owner, string repo, int number)
    {
        lock (_gate)
        {
            var id = _nextCommentId++;
            var comment = new JsonObject
            {
                ["id"] = id,
                ["html_url"] = $"https://github.test/{owner}/{repo}/pull/{number}#issuecomment-{id}",
                ["body"] = request.Json["body"]!.GetValue<string>(),
            };
            _comments.Add((number, comment));
            return new LoopbackResponse(201, comment.ToJsonString());
        }
    }

    private LoopbackResponse ListComments(int number)
    {
        lock (_gate)
        {
            return new LoopbackResponse(200, new JsonArray([.. _comments.Where(c => c.Issue == number).Select(c => c.Comment.DeepClone())]).ToJsonString());
        }
    }

    private LoopbackResponse CheckRunsFor(string sha)
    {
        lock (_gate)
        {
            var runs = _checkRuns.Where(r => r["head_sha"]!.GetValue<string>() == sha).Select(r => r.DeepClone()).ToArray();
            return new LoopbackResponse(200, new JsonObject { ["total_count"] = runs.Length, ["check_runs"] = new JsonArray(runs) }.ToJsonString());
        }
    }

    private LoopbackResponse StatusFor(string sha)
    {
        lock (_gate)
        {
            var statuses = _statuses.Where(s => s.Sha == sha).Select(s => s.Status.DeepClone()).ToArray();
            var states = statuses.Select(s => s!["state"]!.GetValue<string>()).ToList();
            var state = states.Any(s => s is "failure" or "error") ? "failure" : states.Any(s => s == "pending") ? "pending" : "success";
            return new LoopbackResponse(200, new JsonObject { ["state"] = state, ["sha"] = sha, ["total_count"] = statuses.Length, ["statuses"] = new JsonArray(statuses) }.ToJsonString());
        }
    }

    private LoopbackResponse JobLogsRedirect(string id)
    {
        lock (_gate)
        {
            if (!_jobLogs.ContainsKey(long.Parse(id, System.Globalization.CultureInfo.InvariantCulture)))
            {
                return NotFound();
            }
        }

        // GitHub answers with a short-lived download URL on another host; "localhost" is another host name for this server.
        var location = $"http://localhost:{_server.BaseUrl.Port}{BlobPrefix}{id}";
        return new LoopbackResponse(302, "", new Dictionary<string, string> { ["Location"] = location });
    }

    private LoopbackResponse Blob(RecordedRequest request)
    {
        lock (_gate)
        {
            LogDownloadsWithToken.Add(request.Header("Authorization") is not null);
            var id = long.Parse(request.Path[BlobPrefix.Length..], System.Globalization.CultureInfo.InvariantCulture);
            return _jobLogs.TryGetValue(id, out var log) ? LoopbackResponse.Text(200, log) : NotFound();
        }
    }
}
