using Honk.Transcripts;

namespace Honk.Tests.Transcripts;

/// <summary>One event of every type, with the fields a transcript must carry.</summary>
internal static class TranscriptEvents
{
    private static readonly DateTimeOffset Start = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static List<AgentEvent> OfEveryType(string sessionId = "s-1")
    {
        var task = new CodingTask("Fix the NRE in OrderService") { Title = "Fix NRE", AllowedPaths = ["src/**"], Budget = Budget.Default };
        var failed = new ValidatorReport("dotnet", ValidationResult.Failure("1 test failed", [new ValidationFinding("Expected: 8, Actual: 9") { File = "a.cs", Line = 3, TestName = "T.A" }]));
        var passed = new ValidatorReport("npm", ValidationResult.Success("12 tests passed"));
        var skipped = new ValidatorReport("cargo", ValidationResult.Skip("cargo not installed"));
        var delivery = new DeliveryResult { Channel = "pr", Succeeded = true, Branch = "honk/fix", Commit = "abc123", Url = new Uri("https://example.invalid/pr/1") };
        List<AgentEvent> events =
        [
            new SessionStarted(task, "/tmp/ws", "script") { Budget = Budget.Default, PromptVersion = "v1" },
            new TurnStarted(1),
            new AssistantTextDelta(1, "Let me"),
            new AssistantTurnCompleted(1, "Let me look.", [new ToolCallRequest("call_1_1", "read_file", """{"path":"a.cs"}""")], new SessionUsage(100, 10, 0.01m)) { FinishReason = "tool_calls", ModelId = "script" },
            new ModelCallRetrying(1, TimeSpan.FromSeconds(2), "429 Too Many Requests"),
            new ToolCallStarted(1, new ToolCallRequest("call_1_1", "read_file", """{"path":"a.cs"}""")),
            new ToolCallCompleted(1, "call_1_1", "read_file", "1: class A {}", false, TimeSpan.FromMilliseconds(12)) { Truncated = true },
            new ValidationStarted(1, ["dotnet", "npm", "cargo"]),
            new ValidationCompleted(1, [failed, passed, skipped]),
            new FeedbackSent("stop_gate", "1 test failed"),
            new VerdictReached("llm-judge", Verdict.Veto("touches unrelated files")),
            new VerdictReached("scope-guard", Verdict.Approve()),
            new ContextCompacted(3, 90_000, 40_000),
            new LoopDetected("read_file", 3, false),
            new BudgetExceeded("turns", "51 turns > 50"),
            new DeliveryCompleted(delivery),
            new SessionNotice("warning", "baseline had 2 failing tests"),
            new SessionCompleted(new SessionResult
            {
                SessionId = sessionId,
                Status = SessionStatus.Succeeded,
                ChangedFiles = ["src/a.cs"],
                Validators = [passed],
                Verdict = Verdict.Approve("fine"),
                Delivery = delivery,
                Turns = 3,
                Usage = new SessionUsage(300, 30, 0.03m) { CachedInputTokens = 50 },
                Duration = TimeSpan.FromSeconds(42),
                Transcript = "/tmp/t.jsonl",
            }),
        ];
        return [.. events.Select((e, i) => e with { SessionId = sessionId, Sequence = i + 1, Timestamp = Start.AddSeconds(i) })];
    }

    public static string Json(AgentEvent agentEvent) => TranscriptJson.Serialize(agentEvent);
}
