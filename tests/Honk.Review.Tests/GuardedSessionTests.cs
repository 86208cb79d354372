using System.Text.Json;
using Honk.Scripting;
using Honk.Testing;
using Microsoft.Extensions.AI;

namespace Honk.Review.Tests;

/// <summary>Whole scripted sessions with the guards and a scripted judge registered, as a host would.</summary>
public sealed class GuardedSessionTests
{
    private const string CalcPath = "src/Calc/Calc.cs";
    private const string Calc = "namespace Calc;\n\npublic static class Calc\n{\n    public static int Add(int a, int b) => a - b;\n}\n";

    [Fact]
    public async Task Session_ModelSkipsTheFailingTest_IsCaughtByTheGuardAndEndsVetoed()
    {
        var skipped = TestIntegrityGuardTests.CalcTests.Replace(
            "[Fact]\n    public void Add", "[Fact(Skip = \"fails, investigate later\")]\n    public void Add", StringComparison.Ordinal);
        var model = Script(Write(TestIntegrityGuardTests.CalcTestsPath, skipped), Text("Done."), Text("Done, really."));
        var judge = Judge("{\"verdict\":\"approve\"}");

        var (result, events) = await RunAsync(model, judge);

        Assert.Equal(SessionStatus.Vetoed, result.Status);
        Assert.Contains("Vetoed by test-integrity-guard", result.Message, StringComparison.Ordinal);
        var feedback = Assert.Single(events.OfType<FeedbackSent>(), f => f.Source == "guard");
        Assert.Contains($"{TestIntegrityGuardTests.CalcTestsPath}:5: a skip was added to a test", feedback.Message, StringComparison.Ordinal);
        Assert.All(events.OfType<VerdictReached>(), v => Assert.Equal(TestIntegrityGuard.GuardName, v.Judge));
        Assert.Equal(0, judge.TurnsConsumed);
    }

    [Fact]
    public async Task Session_ModelFixesTheCode_PassesGuardsAndScriptedJudge()
    {
        var model = Script(Write(CalcPath, Calc.Replace("a - b", "a + b", StringComparison.Ordinal)), Text("Fixed Add."));
        var judge = Judge("```json\n{\"verdict\": \"approve\", \"reasons\": [\"One-character fix in scope.\"]}\n```");

        var (result, events) = await RunAsync(model, judge);

        Assert.Equal(SessionStatus.Succeeded, result.Status);
        Assert.Equal(
            [TestIntegrityGuard.GuardName, ScopeGuard.GuardName, LlmJudge.DefaultName],
            events.OfType<VerdictReached>().Select(v => v.Judge));
        Assert.Equal("llm-judge: One-character fix in scope.", result.Verdict!.Feedback);
        Assert.Contains("-    public static int Add(int a, int b) => a - b;", judge.Requests[0].Messages[1].Text, StringComparison.Ordinal);
    }

    private static async Task<(SessionResult Result, List<AgentEvent> Events)> RunAsync(ScriptedChatClient model, ScriptedChatClient judge)
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TemporaryDirectory("honk-review-session");
        folder.WriteFile(TestIntegrityGuardTests.CalcTestsPath, TestIntegrityGuardTests.CalcTests);
        folder.WriteFile(CalcPath, Calc);
        await using var workspace = await DirectoryWorkspace.CreateAsync(folder.Path, cancellationToken: ct);
        var options = new AgentSessionOptions { Workspace = workspace };
        options.Loop.Budget = Budget.Unlimited;
        options.Loop.MaxJudgeRounds = 1;
        options.Tools.Add(AIFunctionFactory.Create(
            (string path, string content, AIFunctionArguments args) =>
            {
                File.WriteAllText(Path.Combine(args.GetToolContext().Workspace.RootPath, path), content);
                return $"wrote {path}";
            },
            "write_file",
            "Writes a file."));
        options.Validators.Add(new FakeValidator("dotnet", ValidationResult.Success("build ok, tests passed")));
        options.Judges.Add(new TestIntegrityGuard());
        options.Judges.Add(new ScopeGuard());
        options.Judges.Add(new LlmJudge(judge));
        var task = new CodingTask("Calc.Add returns the sum.") { AllowedPaths = ["src/Calc/**", "tests/Calc.Tests/**"] };

        var events = new List<AgentEvent>();
        await foreach (var e in new AgentSession(model, task, options).RunStreamingAsync(ct))
        {
            events.Add(e);
        }

        return (Assert.IsType<SessionCompleted>(events[^1]).Result, events);
    }

    private static ScriptTurn Write(string path, string content) => new()
    {
        ToolCalls = [new ScriptToolCall("write_file", JsonSerializer.SerializeToElement(new { path, content }))],
    };

    private static ScriptTurn Text(string text) => new() { Text = text };

    private static ScriptedChatClient Script(params ScriptTurn[] turns) => new(new ModelScript(turns));

    private static ScriptedChatClient Judge(params string[] answers) => new(new ModelScript([.. answers.Select(Text)]));
}
