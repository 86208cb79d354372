using Honk.Tasks;

namespace Honk.Tests.Tasks;

public sealed class TaskFileTests
{
    private const string FullFile = """
        ---
        title: Fix the crash on an empty cart
        preconditions:
          - src/Orders/OrderService.cs exists
          - The repository targets .NET 8 or later
        examples:
          - "Total([]) returns 0"
          - |
            var cart = new Cart();
            service.Total(cart); // 0, no exception
        done: All tests pass and a new test covers the empty cart.
        allowed_paths:
          - src/Orders/**
          - ./tests/Orders.Tests/**
        budget:
          turns: 30
          cost_usd: 2.5
          minutes: 20
          tool_calls: 150
          tokens: 400000
          output_tokens: 20000
        delivery: pr
        branch: honk/fix-empty-cart
        requester: alice
        ---
        OrderService.Total returns 0 for an empty cart instead of throwing a NullReferenceException.
        """;

    private static TaskFileException Invalid(string text) => Assert.Throws<TaskFileException>(() => TaskFile.Parse(text));

    private static TaskFileError Single(string text) => Assert.Single(Invalid(text).Errors);

    private static void AssertError(TaskFileError error, int line, string messageStart)
    {
        Assert.Equal(line, error.Line);
        Assert.StartsWith(messageStart, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FullFile_MapsEveryField()
    {
        var file = TaskFile.Parse(FullFile);
        var task = file.Task;

        Assert.Equal("OrderService.Total returns 0 for an empty cart instead of throwing a NullReferenceException.", task.Goal);
        Assert.Equal("Fix the crash on an empty cart", task.Title);
        Assert.Equal(["src/Orders/OrderService.cs exists", "The repository targets .NET 8 or later"], task.Preconditions);
        Assert.Equal("Total([]) returns 0", task.Examples[0]);
        Assert.Equal("var cart = new Cart();\nservice.Total(cart); // 0, no exception", task.Examples[1]);
        Assert.Equal("All tests pass and a new test covers the empty cart.", task.DefinitionOfDone);
        Assert.Equal(["src/Orders/**", "tests/Orders.Tests/**"], task.AllowedPaths);
        Assert.Equal("alice", task.Requester);
        Assert.NotNull(task.Budget);
        Assert.Equal(30, task.Budget.MaxTurns);
        Assert.Equal(2.5m, task.Budget.MaxCostUsd);
        Assert.Equal(TimeSpan.FromMinutes(20), task.Budget.MaxWallTime);
        Assert.Equal(150, task.Budget.MaxToolCalls);
        Assert.Equal(400_000, task.Budget.MaxInputTokens);
        Assert.Equal(20_000, task.Budget.MaxOutputTokens);
        Assert.Equal(TaskDelivery.PullRequest, file.Delivery);
        Assert.Equal("honk/fix-empty-cart", file.Branch);
    }

    [Fact]
    public void Parse_NoFrontMatter_WholeTextIsGoalAndHeadingIsTitle()
    {
        var file = TaskFile.Parse("# Bump FooClient\n\nMigrate every call from FooClient v1 to v2.\n");

        Assert.Equal("# Bump FooClient\n\nMigrate every call from FooClient v1 to v2.", file.Task.Goal);
        Assert.Equal("Bump FooClient", file.Task.Title);
        Assert.Null(file.Task.Budget);
        Assert.Null(file.Delivery);
        Assert.Empty(file.Task.Preconditions);
    }

    [Fact]
    public void Parse_GoalKeyWithoutBody_UsesKey()
    {
        var file = TaskFile.Parse("---\ngoal: Remove the unused Foo class.\nexamples: Foo.cs is gone\n---\n");

        Assert.Equal("Remove the unused Foo class.", file.Task.Goal);
        Assert.Equal(["Foo.cs is gone"], file.Task.Examples);
    }

    [Fact]
    public void FromGoal_PlainText_IsATaskWithOnlyAGoal()
    {
        var file = TaskFile.FromGoal("  fix the NRE in OrderService  ");

        Assert.Equal(new CodingTask("fix the NRE in OrderService"), file.Task);
        Assert.Null(file.Delivery);
        Assert.Null(file.Branch);
        Assert.Throws<ArgumentException>(() => TaskFile.FromGoal(" "));
    }

    [Fact]
    public void Parse_CrLfAndBom_SameResultAndLines()
    {
        var windows = "\uFEFF" + FullFile.Replace("\n", "\r\n", StringComparison.Ordinal);
        Assert.Equal(TaskFile.Parse(FullFile).Task.ComputeDigest(), TaskFile.Parse(windows).Task.ComputeDigest());

        var error = Single("\uFEFF---\r\ntitle: x\r\nprecondition: a\r\n---\r\ngoal text\r\n");
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Parse_UnknownKey_ReportsLineAndSuggestion()
    {
        var error = Single("---\ntitle: x\nprecondition:\n  - a\n---\nGoal.\n");

        Assert.Equal(3, error.Line);
        Assert.Equal(1, error.Column);
        Assert.Contains("Unknown front-matter key 'precondition'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'preconditions'?", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("definition_of_done: x", "done")]
    [InlineData("Allowed-Paths: [src]", "allowed_paths")]
    [InlineData("deliver: pr", "delivery")]
    [InlineData("exmaples: [a]", "examples")]
    public void Parse_MisspeltKey_SuggestsTheRightOne(string line, string suggestion)
    {
        var error = Single($"---\n{line}\n---\nGoal.\n");

        Assert.Equal(2, error.Line);
        Assert.Contains($"Did you mean '{suggestion}'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnrelatedKey_ListsKnownKeys()
    {
        var error = Single("---\nfavourite_colour: blue\n---\nGoal.\n");

        Assert.Contains("Known keys: title, goal, preconditions", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Did you mean", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownBudgetKey_SuggestsBudgetKey()
    {
        var error = Single("---\nbudget:\n  turns: 3\n  max_tool_calls: 9\n---\nGoal.\n");

        Assert.Equal(4, error.Line);
        Assert.Equal(3, error.Column);
        Assert.Contains("Unknown budget limit 'max_tool_calls'. Did you mean 'tool_calls'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WrongTypes_OneErrorEachAtItsLine()
    {
        var errors = Invalid("""
            ---
            title: [a, b]
            preconditions: { a: b }
            examples:
              - Input: 5
            budget: 5
            done:
              - x
            ---
            Goal.
            """).Errors;

        Assert.Collection(
            errors,
            e => AssertError(e, 2, "'title' must be text, not a list"),
            e => AssertError(e, 3, "'preconditions' must be a list"),
            e => AssertError(e, 5, "Each example in 'examples' must be text; put it in quotes"),
            e => AssertError(e, 6, "'budget' must be a mapping"),
            e => AssertError(e, 8, "'done' must be text, not a list"));
    }

    [Fact]
    public void Parse_FrontMatterOnly_ReportsMissingGoal()
    {
        var error = Single("---\ntitle: Something\n---\n\n   \n");

        Assert.Equal(4, error.Line);
        Assert.Contains("no goal", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyGoalKey_ReportsItsLine()
    {
        var error = Single("---\ntitle: t\ngoal: \"  \"\n---\n");

        Assert.Equal(3, error.Line);
        Assert.Contains("no goal", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_GoalTwice_IsAnError()
    {
        var error = Single("---\ngoal: a\n---\nb\n");

        Assert.Equal(2, error.Line);
        Assert.Contains("given twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadBudgetNumbers_EachReportedWithLine()
    {
        var errors = Invalid("---\nbudget:\n  turns: 0\n  cost_usd: -1\n  minutes: soon\n  tool_calls: 2.5\n  tokens: 1e6\n---\nGoal.\n").Errors;

        Assert.Equal([3, 4, 5, 6, 7], errors.Select(e => e.Line));
        Assert.Contains("'budget.turns' must be a whole number of at least 1, not '0'", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("'budget.cost_usd' must be a positive number", errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("not 'soon'", errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("'budget.tool_calls' must be a whole number", errors[3].Message, StringComparison.Ordinal);
        Assert.Contains("'budget.tokens' must be a whole number", errors[4].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pre_existing_failures: strict", PreExistingFailures.Strict)]
    [InlineData("pre_existing_failures: Tolerant", PreExistingFailures.Tolerant)]
    [InlineData("pre_existing_failures: auto", PreExistingFailures.Auto)]
    [InlineData("title: no key", PreExistingFailures.Auto)]
    public void Parse_PreExistingFailures_ChoosesThePolicy(string line, PreExistingFailures expected)
        => Assert.Equal(expected, TaskFile.Parse($"---\n{line}\n---\nGoal.\n").Task.PreExistingFailures);

    [Fact]
    public void Parse_PreExistingFailures_WrongValueOrSynonym_ReportedAtItsLine()
    {
        var wrong = Single("---\ntitle: x\npre_existing_failures: lenient\n---\nGoal.\n");
        Assert.Equal(3, wrong.Line);
        Assert.Contains("'pre_existing_failures' must be auto", wrong.Message, StringComparison.Ordinal);
        Assert.Contains("not 'lenient'", wrong.Message, StringComparison.Ordinal);

        var synonym = Single("---\nbaseline: strict\n---\nGoal.\n");
        Assert.Equal(2, synonym.Line);
        Assert.Contains("Did you mean 'pre_existing_failures'?", synonym.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Digest_ChangesWithAStrictPolicy_AndNotForTheDefault()
    {
        var task = new CodingTask("Goal.");
        Assert.Equal(task.ComputeDigest(), (task with { PreExistingFailures = PreExistingFailures.Auto }).ComputeDigest());
        Assert.NotEqual(task.ComputeDigest(), (task with { PreExistingFailures = PreExistingFailures.Strict }).ComputeDigest());
    }

    [Fact]
    public void Parse_UnterminatedFrontMatter_PointsAtLineOne()
    {
        var error = Single("---\ntitle: x\n\nThe goal, but the fence never closed.\n");

        Assert.Equal(1, error.Line);
        Assert.Contains("never closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidYaml_ReportsFileLine()
    {
        var error = Single("---\ntitle: x\npreconditions:\n  - a\n - b\n---\nGoal.\n");

        Assert.Equal(5, error.Line);
        Assert.StartsWith("The front matter is not valid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateKey_IsAnError()
    {
        var error = Single("---\ntitle: a\ntitle: b\n---\nGoal.\n");

        Assert.Equal(3, error.Line);
        Assert.Contains("twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadDeliveryBranchAndPaths_AllReported()
    {
        var errors = Invalid("---\ndelivery: email\nbranch: my branch\nallowed_paths:\n  - /etc/passwd\n  - src/../secrets\n  - src/ok\n---\nGoal.\n").Errors;

        Assert.Equal([2, 3, 5, 6], errors.Select(e => e.Line));
        Assert.Contains("one of none, branch, patch, push, pr, not 'email'", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("not a valid git branch name", errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("relative to the repository root", errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("must not contain '..'", errors[3].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FrontMatterNotAMapping_IsAnError()
    {
        var error = Single("---\n- a\n- b\n---\nGoal.\n");

        Assert.Equal(2, error.Line);
        Assert.Contains("'key: value' lines", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyFrontMatterAndNullValues_AreAllowed()
    {
        var file = TaskFile.Parse("---\ntitle:\nexamples: ~\nbudget:\n---\nGoal.\n");

        Assert.Null(file.Task.Title);
        Assert.Empty(file.Task.Examples);
        Assert.Null(file.Task.Budget);
        Assert.Equal("Goal.", TaskFile.Parse("---\n---\nGoal.").Task.Goal);
    }

    [Theory]
    [InlineData("none", TaskDelivery.None)]
    [InlineData("branch", TaskDelivery.Branch)]
    [InlineData("patch", TaskDelivery.Patch)]
    [InlineData("push", TaskDelivery.Push)]
    [InlineData("pr", TaskDelivery.PullRequest)]
    public void TaskDeliveryNames_RoundTrip(string name, TaskDelivery delivery)
    {
        Assert.Equal(delivery, TaskFile.Parse($"---\ndelivery: {name}\n---\nGoal.").Delivery);
        Assert.Equal(name, delivery.ToWireName());
    }

    [Fact]
    public async Task LoadAsync_InvalidFile_MessageNamesFileAndLines()
    {
        using var folder = new Honk.Testing.TemporaryDirectory();
        var path = folder.WriteFile("task.md", "---\ntitel: x\nbudget:\n  turns: many\n---\n");

        var ex = await Assert.ThrowsAsync<TaskFileException>(() => TaskFile.LoadAsync(path, TestContext.Current.CancellationToken));

        Assert.Equal(path, ex.FilePath);
        Assert.Equal(3, ex.Errors.Count);
        Assert.Contains($"{path}:2:1: Unknown front-matter key 'titel'. Did you mean 'title'?", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"{path}:4:10: 'budget.turns' must be a whole number", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"{path}:6: The task has no goal", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_ValidFile_SetsSource()
    {
        using var folder = new Honk.Testing.TemporaryDirectory();
        var path = folder.WriteFile("task.md", FullFile);

        var file = await TaskFile.LoadAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(path, file.Source);
        Assert.Equal(TaskFile.Parse(FullFile).Task.ComputeDigest(), file.Task.ComputeDigest());
    }

    [Fact]
    public async Task LoadAsync_Cancelled_Throws()
    {
        using var folder = new Honk.Testing.TemporaryDirectory();
        var path = folder.WriteFile("task.md", FullFile);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TaskFile.LoadAsync(path, cancelled.Token));
    }
}
