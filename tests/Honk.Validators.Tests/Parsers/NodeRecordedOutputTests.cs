using System.Text;
using Honk.Testing;
using Honk.Validators.Tests.Support;

namespace Honk.Validators.Tests.Parsers;

/// <summary>
/// The npm validator's summaries of real runner output: every failing test named with its assertion, the difference of
/// a long expected/actual pair visible, at most 2 KB, no absolute worktree path.
/// </summary>
public sealed class NodeRecordedOutputTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("honk-node-recorded");

    public NodeRecordedOutputTests()
    {
        _directory.WriteFile("package.json", """{ "name": "calc", "scripts": { "test": "run-the-runner" } }""");
        _directory.WriteFile("test/calc.test.js", "// the recorded run's test file\n");
    }

    public static TheoryData<string, string[], string> Runs => new()
    {
        { "node-test-spec.txt", ["adds two small numbers", "makes a point", "prints the long banner"], "5 !== 4" },
        { "node-test-tap.txt", ["adds two small numbers", "shapes > makes a point", "prints the long banner"], "5 !== 4" },
        { "mocha.txt", ["calc adds two small numbers", "calc shapes makes a point", "calc prints the long banner"], "5 !== 4" },
        { "mocha-bail.txt", ["calc adds two small numbers"], "5 !== 4" },
        { "tape.txt", ["adds two small numbers", "makes a point", "prints the long banner"], "expected: 4" },
        { "ava3.txt", ["adds two small numbers", "makes a point", "prints the long banner"], "- 5" },
        { "ava4.txt", ["adds two small numbers", "makes a point", "prints the long banner"], "- 5" },
        { "ava5.txt", ["adds two small numbers", "makes a point", "prints the long banner"], "- 5" },
        { "ava7.txt", ["adds two small numbers", "makes a point", "prints the long banner"], "- 5" },
        { "jest.txt", ["calc › adds two small numbers", "calc › shapes › makes a point", "calc › prints the long banner"], "Received: 5" },
        { "vitest.txt", ["calc > adds two small numbers", "calc > shapes > makes a point", "calc > prints the long banner"], "expected 5 to be 4" },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task ValidateAsync_RecordedRunnerOutput_NamesEachFailingTestWithAssertion(string recording, string[] failingTests, string assertion)
    {
        var summary = await SummarizeAsync(recording);

        foreach (var test in failingTests)
        {
            Assert.Contains("FAILED " + test + "\n", summary, StringComparison.Ordinal);
        }

        // Each failing test carries its own assertion: none is left with the bare "test failed".
        Assert.DoesNotContain("\n  test failed", summary, StringComparison.Ordinal);

        Assert.Contains(assertion, summary, StringComparison.Ordinal);
        if (failingTests.Length > 1)
        {
            // The long banner differs at its end ("farewell" / "goodbye"): the summary shows where.
            Assert.Contains("farewell", summary, StringComparison.Ordinal);
            Assert.Contains("goodbye", summary, StringComparison.Ordinal);
        }

        AssertShort(summary);
    }

    [Theory]
    [InlineData("uvu.txt", new[] { "FAIL \"adds two small numbers\"", "FAIL \"makes a point\"", "Total: 3", "Passed: 1" })]
    [InlineData("plain-node-assert.txt", new[] { "AssertionError [ERR_ASSERTION]: adds two small numbers", "5 !== 4", "plain.js:5:8", "operator: 'strictEqual'" })]
    public async Task ValidateAsync_UnknownRunnerOutput_KeepsFailureLinesAndTheVerdict(string recording, string[] expected)
    {
        var summary = await SummarizeAsync(recording);

        foreach (var text in expected)
        {
            Assert.Contains(text, summary, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("node_modules", summary, StringComparison.Ordinal);
        AssertShort(summary);
    }

    [Theory]
    [InlineData("node-test-tap.txt", 4)]
    [InlineData("node-test-spec.txt", 4)]
    [InlineData("tape.txt", 4)]
    [InlineData("mocha.txt", 4)]
    [InlineData("jest.txt", 4)]
    [InlineData("vitest.txt", 4)]
    [InlineData("node-test-none.txt", 0)]
    [InlineData("tape-none.txt", 0)]
    [InlineData("mocha-none.txt", 0)]
    [InlineData("jest-none.txt", 0)]
    [InlineData("vitest-none.txt", 0)]
    [InlineData("ava7-none.txt", 0)]
    public void CountTestsRun_RecordedOutput_ReadsTheRunnersTotals(string recording, int expected)
        => Assert.Equal(expected, NodeValidator.Parser.CountTestsRun(NodeRecordedOutput.Read(recording)));

    [Fact]
    public void CountTestsRun_OutputWithoutTotals_Unknown()
        => Assert.Null(NodeValidator.Parser.CountTestsRun("built 3 files\n"));

    public void Dispose() => _directory.Dispose();

    private static void AssertShort(string summary)
    {
        Assert.True(Encoding.UTF8.GetByteCount(summary) <= SummaryBuilder.DefaultMaxBytes, $"{Encoding.UTF8.GetByteCount(summary)} bytes:\n{summary}");
        Assert.DoesNotContain(NodeRecordedOutput.Root, summary, StringComparison.Ordinal);
    }

    private async Task<string> SummarizeAsync(string recording)
    {
        var output = NodeRecordedOutput.Read(recording, _directory.Path);
        var runner = new RecordingCommandRunner(_ => new CommandResult(1, output, TimeSpan.FromSeconds(1)));
        var options = new NodeValidatorOptions { RerunFailedTests = false };
        var result = await new NodeValidator(options).ValidateAsync(new FolderWorkspace(_directory.Path).Context(runner), TestContext.Current.CancellationToken);

        Assert.Equal(ValidationOutcome.Failed, result.Outcome);
        Assert.DoesNotContain(_directory.Path, result.Summary, StringComparison.Ordinal);
        Assert.All(result.Findings, f => Assert.DoesNotContain(_directory.Path, f.Message, StringComparison.Ordinal));
        return result.Summary;
    }
}
