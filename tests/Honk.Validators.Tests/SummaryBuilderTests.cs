using System.Text;

namespace Honk.Validators.Tests;

public sealed class SummaryBuilderTests
{
    [Fact]
    public void Success_Notes_OneShortLine()
    {
        var line = SummaryBuilder.Success("dotnet", ["build ok", "test: 12 passed"]);

        Assert.Equal("dotnet: build ok; test: 12 passed", line);
    }

    [Fact]
    public void Success_LongMultilineNotes_StaysOneLineUnder200Chars()
    {
        var line = SummaryBuilder.Success("npm", [new string('x', 500) + "\nsecond"]);

        Assert.DoesNotContain('\n', line);
        Assert.True(line.Length <= 200);
    }

    [Fact]
    public void Failure_DiagnosticAndTest_RendersCanonicalForms()
    {
        var summary = new SummaryBuilder().Failure("dotnet: build failed", [
            new ValidationFinding("The name 'x' does not exist") { File = "src/A.cs", Line = 5, Column = 16, Code = "CS0103" },
            new ValidationFinding("Assert.Equal() Failure\nExpected: 8\nActual:   9") { TestName = "A.Tests.T.Adds", File = "tests/T.cs", Line = 12 },
        ]);

        Assert.Equal("""
            dotnet: build failed (2 problems)
            src/A.cs(5,16): error CS0103: The name 'x' does not exist
            FAILED A.Tests.T.Adds
              Assert.Equal() Failure
              Expected: 8
              Actual: 9
              at tests/T.cs:12
            """, summary);
    }

    [Fact]
    public void Failure_ManyFindingsAndDuplicates_Under2KbWithCounts()
    {
        var findings = Enumerable.Range(1, 200)
            .Select(i => new ValidationFinding($"Problem number {i} with a reasonably long explanation of what went wrong here") { File = $"src/F{i}.cs", Line = i, Code = "CS1002" })
            .ToList();
        findings.Add(findings[0]);
        findings.Add(findings[1]);

        var summary = new SummaryBuilder().Failure("dotnet: build failed", findings);

        Assert.True(Encoding.UTF8.GetByteCount(summary) <= 2048, $"{Encoding.UTF8.GetByteCount(summary)} bytes");
        Assert.StartsWith("dotnet: build failed (200 problems)", summary, StringComparison.Ordinal);
        Assert.Contains("src/F1.cs(1): error CS1002: Problem number 1 ", summary, StringComparison.Ordinal);
        Assert.Single(summary.Split('\n'), l => l.StartsWith("src/F1.cs(1)", StringComparison.Ordinal));
        var shown = summary.Split('\n').Count(l => l.StartsWith("src/", StringComparison.Ordinal));
        Assert.EndsWith($"... {200 - shown} more problems not shown; 2 duplicates dropped", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Failure_HugeSingleMessage_CutToBudget()
    {
        var summary = new SummaryBuilder().Failure("npm: test failed", [new ValidationFinding(string.Join('\n', Enumerable.Repeat(new string('y', 1000), 50)))]);

        Assert.True(Encoding.UTF8.GetByteCount(summary) <= 2048);
        Assert.EndsWith("... (cut)", summary, StringComparison.Ordinal);
        Assert.Contains("\n  yyy", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Failure_PreExisting_ListedAfterNewAndCounted()
    {
        var summary = new SummaryBuilder().Failure("dotnet: test failed", [
            new ValidationFinding("old") { TestName = "T.Old", PreExisting = true },
            new ValidationFinding("new") { TestName = "T.New" },
        ]);

        var lines = summary.Split('\n');
        Assert.Equal("dotnet: test failed (2 problems, 1 pre-existing on the base)", lines[0]);
        Assert.Equal("FAILED T.New", lines[1]);
        Assert.Equal("(pre-existing) FAILED T.Old", lines[3]);
    }
}
