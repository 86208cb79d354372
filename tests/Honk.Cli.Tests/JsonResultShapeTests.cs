using System.Text.Json;
using Honk.Cli.Output;

namespace Honk.Cli.Tests;

/// <summary>
/// The <c>--json</c> object is a fixed contract, written with build-time metadata: every name, its order and its
/// kind of value stay exactly as the reflection serializer wrote them.
/// </summary>
public sealed class JsonResultShapeTests
{
    [Fact]
    public void A_result_has_every_field_of_the_contract_in_order()
    {
        var result = new SessionResult
        {
            SessionId = "20261207-120000-abcdef",
            Status = SessionStatus.Succeeded,
            Branch = "honk/fix",
            Commit = "abc123",
            ChangedFiles = ["index.js"],
            Validators = [new ValidatorReport("npm", ValidationResult.Success("1 test passed"))],
            Verdict = Verdict.Approve("fine"),
            Turns = 2,
            Usage = new SessionUsage(1441, 25, 0.5m),
            Duration = TimeSpan.FromSeconds(1.234),
            Transcript = "/tmp/t.jsonl",
            Message = "done",
        };

        var json = JsonResult.Render(result);
        var root = JsonDocument.Parse(json).RootElement;

        Assert.Equal(
            ["status", "branch", "commit", "changedFiles", "validators", "turns", "usage", "transcript", "sessionId", "message", "summary", "preExisting", "toolCalls", "durationSeconds", "judge", "verdicts", "deliveries", "promptVersion", "promptDigest"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("succeeded", root.GetProperty("status").GetString());
        Assert.Equal(["name", "passed", "summary"], root.GetProperty("validators")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["inputTokens", "outputTokens", "costUsd"], root.GetProperty("usage").EnumerateObject().Select(p => p.Name));
        Assert.Equal(0.5m, root.GetProperty("usage").GetProperty("costUsd").GetDecimal());
        Assert.Equal(["approved", "feedback"], root.GetProperty("judge").EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("summary").ValueKind);
        Assert.Equal(1.23, root.GetProperty("durationSeconds").GetDouble());
        Assert.Contains("\n  \"branch\": \"honk/fix\",\n", json.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_has_the_contract_fields_and_the_message()
    {
        var root = JsonDocument.Parse(JsonResult.RenderError("no model")).RootElement;

        Assert.Equal(["status", "error", "changedFiles", "validators", "turns", "usage"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("failed", root.GetProperty("status").GetString());
        Assert.Equal("no model", root.GetProperty("error").GetString());
    }
}
