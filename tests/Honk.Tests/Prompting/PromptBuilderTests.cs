using Honk.Prompting;
using Microsoft.Extensions.AI;

namespace Honk.Tests.Prompting;

public sealed class PromptBuilderTests
{
    private static readonly CodingTask Task = new("OrderService.Total returns 0 for an empty cart.")
    {
        Title = "Fix the empty-cart crash",
        Preconditions = ["src/Orders/OrderService.cs exists", "The project uses xUnit"],
        Examples = ["Total([]) == 0", "var cart = new Cart();\nservice.Total(cart); // 0"],
        DefinitionOfDone = "A new test covers the empty cart and all tests pass.",
        AllowedPaths = ["src/Orders/**"],
    };

    private static RepositoryFacts Facts(string? agents = null, string? nested = null) => new()
    {
        FromGit = true,
        FileCount = 42,
        Languages = [new LanguageCount("C#", 30), new LanguageCount("TypeScript", 10)],
        BuildSystems = [new BuildSystem(".NET", "Shop.sln", "dotnet"), new BuildSystem("npm", "web/package.json", "npm")],
        TopLevel = [new TopLevelEntry("src/", true, 30), new TopLevelEntry("web/", true, 10), new TopLevelEntry("README.md", false, 1)],
        InstructionFiles = [.. new[] { ("AGENTS.md", agents), ("src/Orders/AGENTS.md", nested) }
            .Where(f => f.Item2 is not null)
            .Select(f => new InstructionFile(f.Item1, f.Item2!, f.Item2!.Length))],
    };

    private static AITool[] Tools() =>
    [
        AIFunctionFactory.Create(() => "x", "read_file", "Reads a file with numbered lines. Large files are paged."),
        AIFunctionFactory.Create(() => "x", "validate", "Runs the repository's checks."),
        new ReportNotApplicableTool(),
    ];

    private static AssembledPrompt Build(RepositoryFacts? facts, int maxTokens = 8_000, IReadOnlyList<string>? validators = null)
        => new PromptBuilder(options: new PromptOptions { MaxTokens = maxTokens })
            .Build(new PromptRequest(Task) { Facts = facts, Tools = Tools(), Validators = validators ?? [] });

    private static PromptSection Section(AssembledPrompt prompt, string name) => Assert.Single(prompt.Sections, s => s.Name == name);

    private static string Lines(string prefix, int count) => string.Join('\n', Enumerable.Range(1, count).Select(i => $"{prefix} line {i}: use `make check` before pushing."));

    [Fact]
    public void Build_WithinBudget_AssemblesSectionsInOrderWithoutCuts()
    {
        var prompt = Build(Facts(agents: "Run `make check`.", nested: "Orders use decimal money."), validators: ["dotnet", "npm"]);

        Assert.Equal(
            ["rules", "tools", "build", "languages", "tree", "instructions", "instructions:AGENTS.md", "instructions:src/Orders/AGENTS.md", "task"],
            prompt.Sections.Select(s => s.Name));
        Assert.All(prompt.Sections, s => Assert.Equal(PromptSectionCut.None, s.Cut));
        Assert.Equal(PromptPart.User, prompt.Sections[^1].Part);
        Assert.True(prompt.WithinBudget);

        var system = prompt.SystemPrompt;
        int At(string text)
        {
            var index = system.IndexOf(text, StringComparison.Ordinal);
            Assert.True(index >= 0, $"'{text}' is missing from the system prompt");
            return index;
        }

        int[] order = [At("# Rules"), At("# Tools"), At("# Repository"), At("Languages (files by extension): C# 30 (75%), TypeScript 10 (25%)."),
            At("Top level (42 files tracked by git):"), At("# Repository instructions"), At("## AGENTS.md (applies to the whole repository)\nRun `make check`."),
            At("## src/Orders/AGENTS.md (applies to src/Orders/)\nOrders use decimal money.")];
        Assert.Equal(order.Order(), order);
        Assert.Contains("- .NET: Shop.sln (validator: dotnet)", system, StringComparison.Ordinal);
        Assert.Contains("Checks that run when you finish: dotnet, npm.", system, StringComparison.Ordinal);
        Assert.DoesNotContain("OrderService.Total returns 0", system, StringComparison.Ordinal);
        Assert.StartsWith("# Fix the empty-cart crash\n\n## Goal (the end state to reach)\nOrderService.Total returns 0 for an empty cart.", prompt.UserMessage, StringComparison.Ordinal);
        Assert.Equal(PromptTemplate.Default.Version, prompt.TemplateVersion);
        Assert.Equal((prompt.SystemPrompt.Length + prompt.UserMessage.Length + 3) / 4, prompt.EstimatedTokens);
    }

    [Fact]
    public void Build_Rules_CoverEveryHonkRule()
    {
        var system = Build(null).SystemPrompt;

        Assert.Contains("only inside the workspace", system, StringComparison.Ordinal);
        Assert.Contains("Use the tools", system, StringComparison.Ordinal);
        Assert.Contains("Never weaken, skip, disable or delete tests", system, StringComparison.Ordinal);
        Assert.Contains("Stay in scope", system, StringComparison.Ordinal);
        Assert.Contains("One change per task", system, StringComparison.Ordinal);
        Assert.Contains("Validate before finishing", system, StringComparison.Ordinal);
        Assert.Contains("call `report_not_applicable` with the reason", system, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_TaskParts_ReachTheUserMessage()
    {
        var user = Build(Facts()).UserMessage;

        Assert.Contains("## Preconditions\nCheck each before you change anything. If any does not hold, change nothing and call report_not_applicable with the reason.\n- src/Orders/OrderService.cs exists\n- The project uses xUnit", user, StringComparison.Ordinal);
        Assert.Contains("## Examples\n- Total([]) == 0\n- var cart = new Cart();\n  service.Total(cart); // 0", user, StringComparison.Ordinal);
        Assert.Contains("## Done when\nA new test covers the empty cart and all tests pass.", user, StringComparison.Ordinal);
        Assert.Contains("## Allowed paths\nChange only files matching these paths:\n- src/Orders/**", user, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_GoalOnlyTask_HasNoEmptyHeadings()
    {
        var prompt = new PromptBuilder().Build(new PromptRequest(new CodingTask("Rename Foo to Bar.")));

        Assert.Equal("## Goal (the end state to reach)\nRename Foo to Bar.", prompt.UserMessage);
        Assert.DoesNotContain("# Repository", prompt.SystemPrompt, StringComparison.Ordinal);
        Assert.Contains("No tools are available", prompt.SystemPrompt, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Tools_ListNamesAndFirstSentence()
    {
        var system = Build(null).SystemPrompt;

        Assert.Contains("# Tools\n- `read_file`: Reads a file with numbered lines.\n- `validate`: Runs the repository's checks.\n- `report_not_applicable`: Ends the session without changes", system, StringComparison.Ordinal);
        Assert.DoesNotContain("Large files are paged", system, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_SameInput_SameDigest_AndAnyChangeChangesIt()
    {
        var first = Build(Facts(agents: "A"));
        var again = Build(Facts(agents: "A"));
        var other = Build(Facts(agents: "B"));

        Assert.Matches("^[0-9a-f]{16}$", first.Digest);
        Assert.Equal(first.Digest, again.Digest);
        Assert.NotEqual(first.Digest, other.Digest);
        Assert.Equal(PromptBuilder.Digest(first.SystemPrompt, first.UserMessage), first.Digest);
    }

    [Fact]
    public void Build_SlightlyOverBudget_DropsTreeFirst()
    {
        var facts = Facts(agents: Lines("root", 20));
        var full = Build(facts);
        var tree = Section(full, "tree");

        var prompt = Build(facts, maxTokens: full.EstimatedTokens - (tree.EstimatedTokens / 2));

        Assert.True(prompt.WithinBudget);
        Assert.Equal(PromptSectionCut.Dropped, Section(prompt, "tree").Cut);
        Assert.Equal(0, Section(prompt, "tree").Chars);
        Assert.Equal(tree.Chars, Section(prompt, "tree").OriginalChars);
        Assert.DoesNotContain("Top level (", prompt.SystemPrompt, StringComparison.Ordinal);
        Assert.Equal(PromptSectionCut.None, Section(prompt, "languages").Cut);
        Assert.Equal(PromptSectionCut.None, Section(prompt, "instructions:AGENTS.md").Cut);
        Assert.Equal([Section(prompt, "tree")], prompt.CutSections);
    }

    [Fact]
    public void Build_FurtherOver_DropsLanguagesThenTruncatesInstructionsWithMarker()
    {
        var agents = Lines("root", 200);
        var facts = Facts(agents: agents);
        var full = Build(facts);

        var prompt = Build(facts, maxTokens: full.EstimatedTokens - (agents.Length / 8));

        Assert.True(prompt.WithinBudget, $"{prompt.EstimatedTokens} > {prompt.TokenBudget}");
        Assert.Equal(PromptSectionCut.Dropped, Section(prompt, "tree").Cut);
        Assert.Equal(PromptSectionCut.Dropped, Section(prompt, "languages").Cut);
        var section = Section(prompt, "instructions:AGENTS.md");
        Assert.Equal(PromptSectionCut.Truncated, section.Cut);
        Assert.True(section.Chars < section.OriginalChars);
        Assert.Contains("root line 1:", prompt.SystemPrompt, StringComparison.Ordinal);
        Assert.DoesNotContain("root line 200:", prompt.SystemPrompt, StringComparison.Ordinal);
        Assert.Matches(@"\[… Honk cut this file here to fit the prompt budget: \d+ of " + agents.Length + @" characters shown\. Read the rest with read_file\.\]", prompt.SystemPrompt);

        // The cut falls on a line end, never inside a line.
        var kept = prompt.SystemPrompt[..prompt.SystemPrompt.IndexOf("\n[… Honk cut", StringComparison.Ordinal)];
        Assert.EndsWith("before pushing.", kept, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_OverBudget_TruncatesRootFileBeforeTheNearerOne()
    {
        var facts = Facts(agents: Lines("root", 200), nested: Lines("nested", 50));
        var full = Build(facts);

        var prompt = Build(facts, maxTokens: full.EstimatedTokens - 1_000);

        Assert.True(prompt.WithinBudget);
        Assert.Equal(PromptSectionCut.Truncated, Section(prompt, "instructions:AGENTS.md").Cut);
        Assert.Equal(PromptSectionCut.None, Section(prompt, "instructions:src/Orders/AGENTS.md").Cut);
        Assert.Contains("nested line 50:", prompt.SystemPrompt, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_TinyBudget_LeavesNotesButNeverCutsRulesToolsBuildOrTask()
    {
        var facts = Facts(agents: Lines("root", 200), nested: Lines("nested", 200));
        var roomy = Build(facts, maxTokens: 100_000);

        var prompt = Build(facts, maxTokens: 700);

        foreach (var name in new[] { "rules", "tools", "build", "instructions", "task" })
        {
            Assert.Equal(PromptSectionCut.None, Section(prompt, name).Cut);
            Assert.Equal(Section(roomy, name).Chars, Section(prompt, name).Chars);
        }

        Assert.Equal(PromptSectionCut.Dropped, Section(prompt, "instructions:AGENTS.md").Cut);
        Assert.Equal(PromptSectionCut.Dropped, Section(prompt, "instructions:src/Orders/AGENTS.md").Cut);
        Assert.Contains("## AGENTS.md (applies to the whole repository)\n[Left out to fit the prompt budget (", prompt.SystemPrompt, StringComparison.Ordinal);
        Assert.Contains("Read it with read_file before you start.]", prompt.SystemPrompt, StringComparison.Ordinal);
        Assert.Equal(roomy.UserMessage, prompt.UserMessage);
        Assert.Contains(PromptTemplate.Default.Rules[^1], prompt.SystemPrompt, StringComparison.Ordinal);
        Assert.True(prompt.WithinBudget, $"{prompt.EstimatedTokens} > {prompt.TokenBudget}");
    }

    [Fact]
    public void Build_BudgetBelowTheUncuttableParts_ReportsOverBudget()
    {
        var longTask = new CodingTask(string.Join('\n', Enumerable.Range(1, 400).Select(i => $"Step {i}: migrate the call site number {i}.")));

        var prompt = new PromptBuilder(options: new PromptOptions { MaxTokens = 500 }).Build(new PromptRequest(longTask));

        Assert.False(prompt.WithinBudget);
        Assert.Contains("Step 400:", prompt.UserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_CustomTemplate_UsesItsVersionAndText()
    {
        var template = PromptTemplate.Default with { Version = "acme-7", Rules = ["Only touch YAML."] };

        var prompt = new PromptBuilder(template).Build(new PromptRequest(new CodingTask("x")));

        Assert.Equal("acme-7", prompt.TemplateVersion);
        Assert.Contains("# Rules\n1. Only touch YAML.", prompt.SystemPrompt, StringComparison.Ordinal);
        Assert.NotEqual(new PromptBuilder().Build(new PromptRequest(new CodingTask("x"))).Digest, prompt.Digest);
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PromptBuilder(options: new PromptOptions { MaxTokens = 10 }));

        Assert.Contains("MaxTokens must be at least 500.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToReviewText_ShowsBothMessagesAndCuts()
    {
        var facts = Facts(agents: Lines("root", 20));
        var full = Build(facts);
        var prompt = Build(facts, maxTokens: full.EstimatedTokens - 5);

        var text = prompt.ToReviewText();

        Assert.Contains($"=== system prompt ({prompt.TemplateVersion}, digest {prompt.Digest}) ===", text, StringComparison.Ordinal);
        Assert.Contains("=== user message ===\n# Fix the empty-cart crash", text, StringComparison.Ordinal);
        Assert.Contains($"=== ~{prompt.EstimatedTokens} tokens of a budget of {prompt.TokenBudget} ===", text, StringComparison.Ordinal);
        Assert.Matches(@"system tree\s+~0 tokens \(dropped from ~\d+\)", text);
    }
}
