using System.Text.Json;
using System.Text.Json.Nodes;

namespace Honk.Server;

/// <summary>The JSON shapes of the HTTP API; a result uses the same field names as <c>honk run --json</c>.</summary>
internal static class SessionJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    public static JsonObject Session(SessionView view, Uri? reviewUrl = null)
    {
        var json = new JsonObject
        {
            ["id"] = view.Id,
            ["status"] = view.StatusName,
            ["repository"] = view.Repository,
            ["title"] = view.Task.Title,
            ["goal"] = view.Task.Goal,
            ["requester"] = view.Source.Requester,
            ["origin"] = view.Source.Kind,
            ["createdAt"] = view.CreatedAt,
            ["parentId"] = view.ParentSessionId,
        };
        if (reviewUrl is not null)
        {
            json["reviewUrl"] = reviewUrl.ToString();
        }

        if (view.Result is { } r)
        {
            json["result"] = new JsonObject
            {
                ["status"] = r.Status.ToWireName(),
                ["message"] = r.Message,
                ["summary"] = r.Summary,
                ["branch"] = r.Branch,
                ["commit"] = r.Commit,
                ["changedFiles"] = new JsonArray([.. r.ChangedFiles.Select(f => (JsonNode?)f)]),
                ["validators"] = new JsonArray([.. r.Validators.Select(v => (JsonNode?)new JsonObject { ["name"] = v.Name, ["passed"] = v.Passed, ["summary"] = v.Summary })]),
                ["verdict"] = r.Verdict is null ? null : new JsonObject { ["approved"] = r.Verdict.Approved, ["feedback"] = r.Verdict.Feedback },
                ["turns"] = r.Turns,
                ["usage"] = new JsonObject { ["inputTokens"] = r.Usage.InputTokens, ["outputTokens"] = r.Usage.OutputTokens, ["costUsd"] = r.Usage.CostUsd },
            };
        }

        return json;
    }

    public static string Event(AgentEvent e) => JsonSerializer.Serialize(e, Options);
}
