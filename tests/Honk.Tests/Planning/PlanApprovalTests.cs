using Honk.Steering;
using Honk.Tasks;
using Honk.Tests.Loop;
using static Honk.Tests.Loop.LoopTestKit;

namespace Honk.Tests.Planning;

/// <summary>Plan approval (task-file key <c>plan_approval: true</c>): no edit before a person approves the plan.</summary>
public sealed class PlanApprovalTests
{
    private const string TriesToEditThenPlansThenEdits = """
        { "turns": [
          { "toolCalls": [ { "name": "write_file", "arguments": { "path": "a.txt", "content": "too early" } } ] },
          { "toolCalls": [ { "name": "read_file", "arguments": { "path": "a.txt" } }, { "name": "submit_plan", "arguments": { "plan": "Rewrite a.txt to say 'approved'." } } ] },
          { "toolCalls": [ { "name": "write_file", "arguments": { "path": "a.txt", "content": "approved" } } ] },
          { "text": "Rewrote a.txt." } ] }
        """;

    [Fact]
    public async Task NoEditHappensBeforeApproval_EditsHappenAfter()
    {
        await using var workspace = new FolderWorkspace();
        var file = Path.Combine(workspace.RootPath, "a.txt");
        File.WriteAllText(file, "original");
        var model = Script(TriesToEditThenPlansThenEdits);
        var task = TaskFile.Parse("---\nplan_approval: true\n---\nRewrite a.txt.").Task;
        var session = new AgentSession(model, task, Options(workspace, ReadTool(), WriteTool()));
        var events = new List<AgentEvent>();
        string? contentWhenPlanShown = null;

        await foreach (var e in session.RunStreamingAsync(TestContext.Current.CancellationToken))
        {
            events.Add(e);
            if (e is PlanProposed)
            {
                contentWhenPlanShown = File.ReadAllText(file);
                Assert.Equal("Rewrite a.txt to say 'approved'.", session.Steering.PendingPlan);
                Assert.True(session.Steering.DecidePlan(new PlanDecision(true, "slack:U42")));
            }
        }

        Assert.Equal("original", contentWhenPlanShown);
        var refused = ToolResults(events)[0];
        Assert.True(refused.IsError);
        Assert.Contains("approve your plan", refused.Result, StringComparison.Ordinal);
        Assert.Equal("approved", File.ReadAllText(file));
        Assert.Equal(SessionStatus.Succeeded, ResultOf(events).Status);
        var decided = Assert.Single(events.OfType<PlanDecided>());
        Assert.True(decided.Approved);
        Assert.Equal("slack:U42", decided.DecidedBy);
        Assert.Contains(model.Requests[0].Messages, m => m.Text.Contains("submit_plan", StringComparison.Ordinal));
        Assert.Contains(model.Requests[2].Messages, m => m.Text.Contains("slack:U42 approved your plan", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TurnedDownPlan_GoesBackToTheModel_AndStillNothingChanges()
    {
        await using var workspace = new FolderWorkspace();
        var file = Path.Combine(workspace.RootPath, "a.txt");
        File.WriteAllText(file, "original");
        var model = Script("""
            { "turns": [
              { "toolCalls": [ { "name": "submit_plan", "arguments": { "plan": "Delete a.txt." } } ] },
              { "toolCalls": [ { "name": "write_file", "arguments": { "path": "a.txt", "content": "still too early" } }, { "name": "submit_plan", "arguments": { "plan": "Rewrite a.txt." } } ] },
              { "toolCalls": [ { "name": "write_file", "arguments": { "path": "a.txt", "content": "rewritten" } } ] },
              { "text": "Done." } ] }
            """);
        var session = new AgentSession(model, new CodingTask("Fix a.txt") { RequirePlanApproval = true }, Options(workspace, WriteTool()));
        var events = new List<AgentEvent>();
        var plans = 0;

        await foreach (var e in session.RunStreamingAsync(TestContext.Current.CancellationToken))
        {
            events.Add(e);
            if (e is PlanProposed)
            {
                Assert.Equal("original", File.ReadAllText(file));
                session.Steering.DecidePlan(++plans == 1 ? new PlanDecision(false, "api:lead", "Do not delete it; rewrite it.") : new PlanDecision(true, "api:lead"));
            }
        }

        Assert.Equal(2, plans);
        Assert.Contains(model.Requests[1].Messages, m => m.Text.Contains("Do not delete it; rewrite it.", StringComparison.Ordinal));
        Assert.True(ToolResults(events).Single(r => r.Turn == 2 && r.Name == "write_file").IsError);
        Assert.Equal("rewritten", File.ReadAllText(file));
        Assert.Equal(SessionStatus.Succeeded, ResultOf(events).Status);
    }

    [Fact]
    public async Task StopWhileWaitingForApproval_EndsCancelled()
    {
        await using var workspace = new FolderWorkspace();
        var model = Script("""{ "turns": [ { "toolCalls": [ { "name": "submit_plan", "arguments": { "plan": "p" } } ] }, { "text": "never" } ] }""");
        var session = new AgentSession(model, new CodingTask("x") { RequirePlanApproval = true }, Options(workspace, WriteTool()));
        var events = new List<AgentEvent>();
        await foreach (var e in session.RunStreamingAsync(TestContext.Current.CancellationToken))
        {
            events.Add(e);
            if (e is PlanProposed)
            {
                // Stopped from another thread while the loop waits for the decision.
                _ = Task.Run(() => session.Steering.Stop("api:lead"), TestContext.Current.CancellationToken);
            }
        }

        Assert.Equal(SessionStatus.Cancelled, ResultOf(events).Status);
        Assert.Equal(1, model.TurnsConsumed);
    }

    [Fact]
    public void TaskFileKey_PlanApproval_ParsesAndRejectsNonsense()
    {
        Assert.True(TaskFile.Parse("---\nplan_approval: true\n---\nx").Task.RequirePlanApproval);
        Assert.False(TaskFile.Parse("---\nplan_approval: false\n---\nx").Task.RequirePlanApproval);
        Assert.False(TaskFile.Parse("x").Task.RequirePlanApproval);
        var error = Assert.Throws<TaskFileException>(() => TaskFile.Parse("---\nplan_approval: maybe\n---\nx"));
        Assert.Contains("'plan_approval' must be true", error.Message, StringComparison.Ordinal);
        Assert.NotEqual(new CodingTask("x").ComputeDigest(), new CodingTask("x") { RequirePlanApproval = true }.ComputeDigest());
    }
}
