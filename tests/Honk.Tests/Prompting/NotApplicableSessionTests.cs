using Honk.Prompting;
using Honk.Scripting;
using Honk.Testing;
using Microsoft.Extensions.AI;

namespace Honk.Tests.Prompting;

public sealed class NotApplicableSessionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly CodingTask Task = new("Every FooClient v1 call uses FooClient v2.")
    {
        Preconditions = ["The repository references FooClient v1"],
    };

    private static AgentSessionOptions Options(Workspace workspace, AssembledPrompt prompt)
    {
        var options = new AgentSessionOptions { Workspace = workspace, Instructions = prompt.SystemPrompt, PromptVersion = prompt.TemplateVersion };
        options.Loop.Budget = Budget.Unlimited;
        options.Tools.Add(new ReportNotApplicableTool());
        return options;
    }

    [Fact]
    public async Task Session_ModelReportsNotApplicable_EndsNoChangesWithReason()
    {
        await using var repo = await TemporaryGitRepository.CreateAsync(
            new Dictionary<string, string> { ["AGENTS.md"] = "Use the Makefile.", ["src/app.py"] = "import requests\n" }, Ct);
        var prompt = await new PromptBuilder().BuildAsync(new PromptRequest(Task) { RepositoryRoot = repo.Path, Tools = [new ReportNotApplicableTool()] }, Ct);
        await using var workspace = await DirectoryWorkspace.CreateAsync(repo.Path, cancellationToken: Ct);
        var model = ScriptedChatClient.FromJson("""
            { "turns": [
                { "toolCalls": [ { "name": "report_not_applicable", "arguments": { "reason": "No FooClient reference: src/app.py only imports requests." } } ] },
                { "text": "This turn must never be requested." } ] }
            """);
        var session = new AgentSession(model, Task, Options(workspace, prompt));

        var events = new List<AgentEvent>();
        await foreach (var e in session.RunStreamingAsync(Ct))
        {
            events.Add(e);
        }

        var result = Assert.IsType<SessionCompleted>(events[^1]).Result;
        Assert.Equal(SessionStatus.NoChanges, result.Status);
        Assert.Equal("Not applicable: No FooClient reference: src/app.py only imports requests.", result.Message);
        Assert.Empty(result.ChangedFiles);
        Assert.Equal(1, model.TurnsConsumed);
        Assert.Equal(prompt.TemplateVersion, Assert.IsType<SessionStarted>(events[0]).PromptVersion);

        var toolResult = Assert.Single(events.OfType<ToolCallCompleted>());
        Assert.False(toolResult.IsError);

        // The model really saw the assembled system prompt, with the repository's AGENTS.md and the tool.
        var request = Assert.Single(model.Requests);
        var system = Assert.Single(request.Messages, m => m.Role == ChatRole.System);
        Assert.Equal(prompt.SystemPrompt, system.Text);
        Assert.Contains("## AGENTS.md (applies to the whole repository)\nUse the Makefile.", system.Text, StringComparison.Ordinal);
        Assert.Contains(request.Options!.Tools!, t => t.Name == ReportNotApplicableTool.ToolName);
        Assert.Contains(request.Messages, m => m.Role == ChatRole.User && m.Text.Contains("The repository references FooClient v1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Session_EmptyReason_IsAToolErrorAndTheSessionGoesOn()
    {
        using var folder = new TemporaryDirectory();
        folder.WriteFile("a.txt", "a");
        await using var workspace = await DirectoryWorkspace.CreateAsync(folder.Path, cancellationToken: Ct);
        var prompt = new PromptBuilder().Build(new PromptRequest(Task));
        var model = ScriptedChatClient.FromJson("""
            { "turns": [
                { "toolCalls": [ { "name": "report_not_applicable", "arguments": { "reason": "   " } } ] },
                { "text": "Nothing to do after all." } ] }
            """);

        var result = await new AgentSession(model, Task, Options(workspace, prompt)).RunAsync(Ct);

        Assert.Equal(2, model.TurnsConsumed);
        Assert.DoesNotContain("Not applicable", result.Message ?? string.Empty, StringComparison.Ordinal);
        var toolMessage = model.Requests[1].Messages.Last(m => m.Role == ChatRole.Tool);
        var content = Assert.IsType<FunctionResultContent>(Assert.Single(toolMessage.Contents));
        Assert.Contains("Give a non-empty 'reason'", content.Result?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_ContextWithoutNotApplicableHook_ThrowsToolException()
    {
        using var folder = new TemporaryDirectory();
        await using var workspace = await DirectoryWorkspace.CreateAsync(folder.Path, cancellationToken: Ct);
        var arguments = new AIFunctionArguments(new Dictionary<string, object?> { ["reason"] = "x" })
            .WithToolContext(new ToolContext("s1", Task, workspace));

        var ex = await Assert.ThrowsAsync<ToolException>(async () => await new ReportNotApplicableTool().InvokeAsync(arguments, Ct));

        Assert.Contains("cannot end as not applicable", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_LongReason_IsCappedAndPassedOn()
    {
        using var folder = new TemporaryDirectory();
        await using var workspace = await DirectoryWorkspace.CreateAsync(folder.Path, cancellationToken: Ct);
        string? reported = null;
        var arguments = new AIFunctionArguments(new Dictionary<string, object?> { ["reason"] = "  " + new string('r', 5_000) })
            .WithToolContext(new ToolContext("s1", Task, workspace) { ReportNotApplicable = r => reported = r });

        var reply = await new ReportNotApplicableTool().InvokeAsync(arguments, Ct);

        Assert.Equal(new string('r', ReportNotApplicableTool.MaxReasonChars), reported);
        Assert.Contains("ends with no changes", reply?.ToString(), StringComparison.Ordinal);
    }
}
