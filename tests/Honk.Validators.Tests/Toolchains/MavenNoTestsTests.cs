using Honk.Testing;
using Honk.Validators.Tests.Support;
using Honk.Validators.Toolchains;

namespace Honk.Validators.Tests.Toolchains;

/// <summary>
/// Quiet Maven prints nothing about passing tests: the Surefire reports the run writes tell whether any test ran. The
/// runner here stands in for Maven and writes (or does not write) the reports a real run would.
/// </summary>
public sealed class MavenNoTestsTests
{
    private const string Report = """<?xml version="1.0" encoding="UTF-8"?><testsuite name="calc.CalcTest" tests="3" failures="0" errors="0" skipped="0"></testsuite>""";

    [Fact]
    public async Task APassingRunThatWroteReports_PassesWithTheirCount()
    {
        using var repo = Project("src/test/java/calc/CalcTest.java");
        var runner = MavenWriting(repo.Path, "target/surefire-reports/TEST-calc.CalcTest.xml");

        var result = await new MavenValidator().ValidateAsync(new FolderWorkspace(repo.Path).Context(runner), TestContext.Current.CancellationToken);

        Assert.Equal(ValidationOutcome.Passed, result.Outcome);
        Assert.Contains("3 tests passed", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APassingRunThatWroteNoReport_WhereTheProjectHasTests_IsNoTestsRan_AnEarlierRunsReportDoesNotCount()
    {
        using var repo = Project("src/test/java/calc/CalcCheck.java");
        repo.WriteFile("target/surefire-reports/TEST-calc.OldTest.xml", Report);
        File.SetLastWriteTimeUtc(Path.Combine(repo.Path, "target/surefire-reports/TEST-calc.OldTest.xml"), DateTime.UtcNow.AddHours(-1));
        var runner = MavenWriting(repo.Path);

        var result = await new MavenValidator().ValidateAsync(new FolderWorkspace(repo.Path).Context(runner), TestContext.Current.CancellationToken);

        Assert.Equal(ValidationOutcome.Failed, result.Outcome);
        Assert.Equal(ValidationFailureKind.NoTestsRan, result.FailureKind);
        Assert.Contains("passed without writing a Surefire report", result.Summary, StringComparison.Ordinal);
        Assert.Contains("src/test/java/calc/CalcCheck.java", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APassingRunOfAProjectWithoutTestFiles_Passes()
    {
        using var repo = Project(null);
        var runner = MavenWriting(repo.Path);

        var result = await new MavenValidator().ValidateAsync(new FolderWorkspace(repo.Path).Context(runner), TestContext.Current.CancellationToken);

        Assert.Equal(ValidationOutcome.Passed, result.Outcome);
    }

    private static TemporaryDirectory Project(string? testFile)
    {
        var repo = new TemporaryDirectory();
        repo.WriteFile("pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>calc</artifactId><version>1</version></project>\n");
        repo.WriteFile("src/main/java/calc/Calc.java", "package calc; public final class Calc { }\n");
        if (testFile is not null)
        {
            repo.WriteFile(testFile, "package calc; public class X { }\n");
        }

        return repo;
    }

    /// <summary>Answers the validator's probes with success, and its <c>mvn</c> run by writing these reports.</summary>
    private static RecordingCommandRunner MavenWriting(string root, params string[] reports)
        => new(request =>
        {
            if (request.FileName == "mvn")
            {
                foreach (var report in reports)
                {
                    var path = Path.Combine(root, report);
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    File.WriteAllText(path, Report);
                }
            }

            return new CommandResult(0, "", TimeSpan.FromSeconds(1));
        });
}
