using Honk.Planning;
using Honk.Tasks;
using Honk.Tests.Loop;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using static Honk.Tests.Loop.LoopTestKit;

namespace Honk.Tests.Planning;

/// <summary>The planning session: read-only, talks through ask_user / submit_task_file, produces a task file that parses.</summary>
public sealed class PlanningSessionTests
{
    [Fact]
    public async Task ScriptedConversation_ProducesATaskFileThatParses_WithTheAnswers()
    {
        var model = Script("""
            { "turns": [
              { "toolCalls": [ { "name": "read_file", "arguments": { "path": "cart.txt" } } ] },
              { "toolCalls": [ { "name": "ask_user", "arguments": { "question": "What should Total return for an empty cart?" } } ] },
              { "toolCalls": [ { "name": "submit_task_file", "arguments": { "content": "---\ntitle: Empty cart total\ndone: Total of an empty cart is 0\n---\nTotal returns 0 for an empty cart." } } ] },
              { "toolCalls": [ { "name": "submit_task_file", "arguments": { "content": "---\ntitle: Empty cart total\ndone: A test shows Total(new Cart()) == 0m\n---\nTotal returns 0m for an empty cart." } } ] },
              { "text": "Planned." } ] }
            """);
        var conversation = new QueuedConversation(["Zero, as a decimal: 0m"], [DraftReview.Change("Name the test in done."), DraftReview.Approve]);
        await using var provider = Provider(model);
        await using var workspace = new FolderWorkspace();
        File.WriteAllText(Path.Combine(workspace.RootPath, "cart.txt"), "Total throws on an empty cart");

        var result = await provider.GetRequiredService<HonkAgent>().PlanAsync("fix the empty cart crash", workspace, conversation, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Approved);
        var parsed = TaskFile.Parse(result.Draft!);
        Assert.Equal("Total returns 0m for an empty cart.", parsed.Task.Goal);
        Assert.Contains("Total(new Cart()) == 0m", parsed.Task.DefinitionOfDone, StringComparison.Ordinal);
        Assert.Equal([("What should Total return for an empty cart?", "Zero, as a decimal: 0m")], result.Questions);

        // The model read the answer and the change request; it was offered only reading and planning tools.
        Assert.Contains(model.Requests[2].Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>(), r => r.Result?.ToString() == "Zero, as a decimal: 0m");
        Assert.Contains(model.Requests[3].Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>(), r => r.Result?.ToString()!.Contains("Name the test in done.", StringComparison.Ordinal) == true);
        Assert.Equal(["ask_user", "read_file", "submit_task_file"], model.Requests[0].Options!.Tools!.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Equal(2, conversation.DraftsShown);
    }

    [Fact]
    public async Task PlanningSession_CannotWrite_AnAttemptedEditIsRefused()
    {
        var model = Script("""
            { "turns": [
              { "toolCalls": [ { "name": "write_file", "arguments": { "path": "cart.txt", "content": "hacked" } } ] },
              { "toolCalls": [ { "name": "edit_file", "arguments": { "path": "cart.txt", "old_text": "Total", "new_text": "X" } } ] },
              { "text": "I could not edit." } ] }
            """);
        await using var provider = Provider(model);
        await using var workspace = new FolderWorkspace();
        var file = Path.Combine(workspace.RootPath, "cart.txt");
        File.WriteAllText(file, "Total throws");
        var events = new ListSink();
        var run = new HonkRunOptions();
        run.EventSinks.Add(events);

        var result = await provider.GetRequiredService<HonkAgent>().PlanAsync("x", workspace, new QueuedConversation([], []), run: run, cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(result.Approved);
        Assert.Equal("Total throws", File.ReadAllText(file));
        var refusals = events.Events.OfType<ToolCallCompleted>().ToList();
        Assert.Equal(2, refusals.Count);
        Assert.All(refusals, r => Assert.True(r.IsError));
        Assert.All(refusals, r => Assert.Contains("planning session, which only reads", r.Result, StringComparison.Ordinal));
    }

    [Fact]
    public async Task InvalidDraft_GoesBackToTheModelWithTheParserErrors_AndQuestionsAreCapped()
    {
        var model = Script("""
            { "turns": [
              { "toolCalls": [ { "name": "ask_user", "arguments": { "question": "one?" } } ] },
              { "toolCalls": [ { "name": "ask_user", "arguments": { "question": "two?" } } ] },
              { "toolCalls": [ { "name": "submit_task_file", "arguments": { "content": "---\ntitel: typo\n---\nbody" } } ] },
              { "toolCalls": [ { "name": "submit_task_file", "arguments": { "content": "---\ntitle: ok\n---\nbody" } } ] },
              { "text": "done" } ] }
            """);
        var conversation = new QueuedConversation(["a1"], [DraftReview.Approve]);
        await using var provider = Provider(model);
        await using var workspace = new FolderWorkspace();

        var result = await provider.GetRequiredService<HonkAgent>().PlanAsync("x", workspace, conversation, new PlanningOptions { MaxQuestions = 1 }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("---\ntitle: ok\n---\nbody\n", result.Draft);
        Assert.Single(result.Questions);
        var results = model.Requests[^1].Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Select(r => r.Result?.ToString() ?? "").ToList();
        Assert.Contains(results, r => r.Contains("the most allowed", StringComparison.Ordinal));
        Assert.Contains(results, r => r.Contains("Did you mean 'title'", StringComparison.Ordinal));
        Assert.Equal(1, conversation.DraftsShown);
    }

    private static ServiceProvider Provider(IChatClient model)
    {
        var services = new ServiceCollection();
        services.AddHonk(o => o.Loop.Budget = Budget.Unlimited)
            .WithChatClient(model)
            .WithTools(ReadTool(), WriteTool())
            .WithValidator(new QueueValidator("unit", ValidationResult.Success("fine")))
            .WithTestInfrastructure();
        return services.BuildServiceProvider();
    }

    /// <summary>A person whose answers and draft reviews are given in advance.</summary>
    private sealed class QueuedConversation(IEnumerable<string> answers, IEnumerable<DraftReview> reviews) : IPlanningConversation
    {
        private readonly Queue<string> _answers = new(answers);
        private readonly Queue<DraftReview> _reviews = new(reviews);

        public int DraftsShown { get; private set; }

        public ValueTask<string> AskAsync(string question, CancellationToken cancellationToken = default)
            => ValueTask.FromResult(_answers.TryDequeue(out var answer) ? answer : "");

        public ValueTask<DraftReview> ReviewDraftAsync(string draft, CancellationToken cancellationToken = default)
        {
            DraftsShown++;
            return ValueTask.FromResult(_reviews.TryDequeue(out var review) ? review : DraftReview.Decline);
        }
    }
}
