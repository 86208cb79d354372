using Honk.Scripting;
using Microsoft.Extensions.AI;

namespace Honk.Review.Tests;

public sealed class LlmJudgeTests
{
    private const string Diff = "diff --git a/src/Cart.cs b/src/Cart.cs\n--- a/src/Cart.cs\n+++ b/src/Cart.cs\n@@ -1 +1 @@\n-int Total() => lines.Sum();\n+int Total() => lines?.Sum() ?? 0;\n";

    private static readonly CodingTask CartTask = new("Total returns 0 for an empty cart.")
    {
        Title = "Empty cart total",
        Preconditions = ["Cart.Total exists"],
        DefinitionOfDone = "A test covers the empty cart.",
        AllowedPaths = ["src/**", "tests/**"],
    };

    private static JudgeContext Context(string diff = Diff) => new("s1", CartTask, diff, ["src/Cart.cs"])
    {
        Validators = [new ValidatorReport("dotnet", ValidationResult.Success("build ok, 12 tests passed"))],
    };

    private static ScriptedChatClient Judge(params string[] answers)
        => new(new ModelScript([.. answers.Select(a => new ScriptTurn { Text = a })]));

    [Fact]
    public async Task JudgeAsync_ScriptedApproval_Approves_AndSendsTaskChecksAndDiff()
    {
        var model = Judge("""{"verdict":"approve","reasons":["Minimal null check."],"scope_ok":true,"tests_ok":true}""");

        var verdict = await new LlmJudge(model).JudgeAsync(Context(), TestContext.Current.CancellationToken);

        Assert.True(verdict.Approved);
        Assert.Equal("llm-judge: Minimal null check.", verdict.Feedback);
        var request = Assert.Single(model.Requests);
        Assert.Equal(ChatRole.System, request.Messages[0].Role);
        Assert.Contains("strict, fair code reviewer", request.Messages[0].Text, StringComparison.Ordinal);
        var prompt = request.Messages[1].Text;
        Assert.Contains("Goal: Total returns 0 for an empty cart.", prompt, StringComparison.Ordinal);
        Assert.Contains("- Cart.Total exists", prompt, StringComparison.Ordinal);
        Assert.Contains("Done when: A test covers the empty cart.", prompt, StringComparison.Ordinal);
        Assert.Contains("Allowed paths: src/**, tests/** (changes elsewhere are out of scope)", prompt, StringComparison.Ordinal);
        Assert.Contains("- dotnet: passed — build ok, 12 tests passed", prompt, StringComparison.Ordinal);
        Assert.Contains("- src/Cart.cs (+1 -1)", prompt, StringComparison.Ordinal);
        Assert.Contains("+int Total() => lines?.Sum() ?? 0;", prompt, StringComparison.Ordinal);
        Assert.Contains("\"verdict\": \"approve\" | \"veto\"", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("Cut from the diff", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JudgeAsync_ScriptedVeto_VetoesWithReasonsAsBullets()
    {
        var model = Judge("Sure! ```json\n{'verdict': 'veto', 'reasons': ['Cart.cs: also reformats Order.cs', 'Add the empty-cart test',], 'scope_ok': false}\n```");

        var verdict = await new LlmJudge(model).JudgeAsync(Context(), TestContext.Current.CancellationToken);

        Assert.False(verdict.Approved);
        Assert.Equal(
            "- Cart.cs: also reformats Order.cs\n- Add the empty-cart test\nThe reviewer found changes outside the task's scope.",
            verdict.Feedback!.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task JudgeAsync_UnreadableThenReadable_RetriesOnceWithReminder()
    {
        var model = Judge("Looks mostly fine to me, though I have some thoughts.", "{\"verdict\": \"veto\", \"reasons\": [\"x\"]}");

        var verdict = await new LlmJudge(model).JudgeAsync(Context(), TestContext.Current.CancellationToken);

        Assert.False(verdict.Approved);
        Assert.Equal(2, model.TurnsConsumed);
        var retry = model.Requests[1].Messages;
        Assert.Equal(4, retry.Count);
        Assert.Equal(ChatRole.Assistant, retry[2].Role);
        Assert.Contains("could not be read", retry[3].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(JudgeFailurePolicy.Approve, true)]
    [InlineData(JudgeFailurePolicy.Veto, false)]
    public async Task JudgeAsync_UnreadableTwice_FollowsPolicy(JudgeFailurePolicy policy, bool approved)
    {
        var model = Judge("Hmm.", "Still thinking.", "unused");

        var verdict = await new LlmJudge(model, new LlmJudgeOptions { OnUnparseableAnswer = policy }).JudgeAsync(Context(), TestContext.Current.CancellationToken);

        Assert.Equal(approved, verdict.Approved);
        Assert.Equal(2, model.TurnsConsumed);
        Assert.Contains("Still thinking.", verdict.Feedback, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(JudgeFailurePolicy.Approve, true)]
    [InlineData(JudgeFailurePolicy.Veto, false)]
    public async Task JudgeAsync_ModelThrows_FollowsErrorPolicy(JudgeFailurePolicy policy, bool approved)
    {
        var judge = new LlmJudge(new ThrowingChatClient(new HttpRequestException("503 Service Unavailable")), new LlmJudgeOptions { OnError = policy });

        var verdict = await judge.JudgeAsync(Context(), TestContext.Current.CancellationToken);

        Assert.Equal(approved, verdict.Approved);
        Assert.Contains("HttpRequestException: 503 Service Unavailable", verdict.Feedback, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JudgeAsync_ScriptRunsOut_IsAnErrorNotACrash()
    {
        var verdict = await new LlmJudge(Judge()).JudgeAsync(Context(), TestContext.Current.CancellationToken);

        Assert.True(verdict.Approved);
        Assert.Contains("could not review the change", verdict.Feedback, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JudgeAsync_ModelTooSlow_TimesOutPerOptions()
    {
        var judge = new LlmJudge(new HangingChatClient(), new LlmJudgeOptions { CallTimeout = TimeSpan.FromMilliseconds(50), OnError = JudgeFailurePolicy.Veto });

        var verdict = await judge.JudgeAsync(Context(), TestContext.Current.CancellationToken);

        Assert.False(verdict.Approved);
        Assert.Contains("did not answer within", verdict.Feedback, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JudgeAsync_CallerCancels_Throws()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        var judge = new LlmJudge(new HangingChatClient());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await judge.JudgeAsync(Context(), cts.Token));
    }

    [Fact]
    public async Task JudgeAsync_DiffOverBudget_IsTrimmedAndCutsAreNamed()
    {
        var huge = "diff --git a/gen/big.txt b/gen/big.txt\nnew file mode 100644\n--- /dev/null\n+++ b/gen/big.txt\n@@ -0,0 +1,2000 @@\n"
            + string.Concat(Enumerable.Range(1, 2000).Select(i => $"+generated {i}\n"));
        var model = Judge("{\"verdict\":\"approve\"}");
        var options = new LlmJudgeOptions { DiffBudgetChars = 2_000, AdditionalInstructions = "Never allow new dependencies." };

        await new LlmJudge(model, options).JudgeAsync(Context(Diff + huge), TestContext.Current.CancellationToken);

        var request = Assert.Single(model.Requests);
        Assert.EndsWith("Never allow new dependencies.", request.Messages[0].Text, StringComparison.Ordinal);
        var prompt = request.Messages[1].Text;
        Assert.Contains("+int Total() => lines?.Sum() ?? 0;", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("+generated 1\n", prompt, StringComparison.Ordinal);
        Assert.Contains("- gen/big.txt (added, +2000 -0): not shown", prompt, StringComparison.Ordinal);
        Assert.Contains("- gen/big.txt (added, +2000)", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JudgeAsync_ChatOptions_AreClonedPerCall()
    {
        var model = Judge("{\"verdict\":\"approve\"}");
        var options = new LlmJudgeOptions { ChatOptions = new ChatOptions { ModelId = "judge-model", Temperature = 0 } };

        await new LlmJudge(model, options).JudgeAsync(Context(), TestContext.Current.CancellationToken);

        var sent = Assert.Single(model.Requests).Options;
        Assert.Equal("judge-model", sent!.ModelId);
        Assert.NotSame(options.ChatOptions, sent);
        Assert.Equal("llm-judge", new LlmJudge(model).Name);
        Assert.Equal("strict-judge", new LlmJudge(model, new LlmJudgeOptions { Name = "strict-judge" }).Name);
    }

    private sealed class ThrowingChatClient(Exception exception) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            => System.Threading.Tasks.Task.FromException<ChatResponse>(exception);

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            => throw exception;

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private sealed class HangingChatClient : IChatClient
    {
        public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            await System.Threading.Tasks.Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
