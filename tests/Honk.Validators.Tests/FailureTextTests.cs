using System.Text;
using Honk.Testing;
using Honk.Validators.Tests.Support;

namespace Honk.Validators.Tests;

/// <summary>The generic failure text: the raw fallback, long messages, long expected/actual pairs, relative paths.</summary>
public sealed class FailureTextTests
{
    [Fact]
    public void Failure_LongMessage_KeepsHeadAndEndNotTheMiddle()
    {
        var message = string.Join('\n', Enumerable.Range(1, 40).Select(i => $"line {i}")) + "\n2 tests failed";

        var summary = new SummaryBuilder().Failure("npm: test failed", [new ValidationFinding(message)]);

        Assert.Contains("line 1\n", summary, StringComparison.Ordinal);
        Assert.Contains("2 tests failed", summary, StringComparison.Ordinal);
        Assert.Contains("lines not shown", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("line 20\n", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Failure_LongExpectedActualDifferingAtTheEnd_ShowsWhereTheyDiffer()
    {
        var common = string.Concat(Enumerable.Repeat("a long shared sentence, ", 20));
        var message = $"should be equal\nexpected: '{common}the end says farewell'\nactual: '{common}the end says goodbye'";

        var summary = new SummaryBuilder().Failure("npm: test failed", [new ValidationFinding(message) { TestName = "banner" }]);

        Assert.Contains("expected: ...", summary, StringComparison.Ordinal);
        Assert.Contains("the end says farewell'", summary, StringComparison.Ordinal);
        Assert.Contains("the end says goodbye'", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Failure_ShortPair_Unchanged()
    {
        var summary = new SummaryBuilder().Failure("npm: test failed", [new ValidationFinding("expected: 4\nactual: 5") { TestName = "adds" }]);

        Assert.Contains("expected: 4\n  actual: 5", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void OutputTail_FailureLinesBeforeTheEnd_KeptWithTheVerdict()
    {
        var output = "✖ adds two small numbers\n" + string.Join('\n', Enumerable.Range(1, 60).Select(i => $"    at f{i} (node_modules/x/y.js:{i}:1)"))
            + "\n" + string.Join('\n', Enumerable.Range(1, 30).Select(i => $"progress {i}")) + "\n  2 tests failed\n";

        var tail = OutputTail.Extract(output);

        Assert.StartsWith("✖ adds two small numbers\n", tail, StringComparison.Ordinal);
        Assert.EndsWith("2 tests failed", tail, StringComparison.Ordinal);
        Assert.DoesNotContain("node_modules", tail, StringComparison.Ordinal);
        Assert.True(tail.Split('\n').Length <= OutputTail.EndLines + OutputTail.FailureLines + 1);
    }

    [Fact]
    public void OutputTail_Nothing_SaysSo()
        => Assert.Equal("(it printed nothing)", OutputTail.Extract("\n\n"));

    [Fact]
    public async Task ValidateAsync_AbsolutePathsInMessages_MadeRepositoryRelative()
    {
        using var directory = new TemporaryDirectory("honk-relative");
        directory.WriteFile("package.json", """{ "scripts": { "test": "custom" } }""");
        var root = directory.Path;
        var output = $"  FAIL {root}/test/a.test.js\n    at check (file://{root}/src/a.js:3:9)\n    in {root}\n    next door {root}-other/x.js\n";
        var runner = new RecordingCommandRunner(_ => new CommandResult(1, output, TimeSpan.Zero));

        var result = await new NodeValidator().ValidateAsync(new FolderWorkspace(root).Context(runner), TestContext.Current.CancellationToken);

        Assert.Contains("FAIL test/a.test.js", result.Summary, StringComparison.Ordinal);
        Assert.Contains("(src/a.js:3:9)", result.Summary, StringComparison.Ordinal);
        Assert.Contains("in .", result.Summary, StringComparison.Ordinal);
        Assert.Contains(root + "-other/x.js", result.Summary, StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(result.Summary) <= 2048);
    }
}
