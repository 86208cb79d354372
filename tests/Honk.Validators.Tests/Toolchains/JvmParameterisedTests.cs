using System.Text.RegularExpressions;
using Honk.Testing;
using Honk.Validators.Tests.Support;
using Honk.Validators.Toolchains;

namespace Honk.Validators.Tests.Toolchains;

/// <summary>
/// Parameterised JVM tests are named per invocation (JUnit 4 <c>fits[1]</c>, JUnit 5 <c>fits{int}[2]</c> under Surefire
/// 2, <c>fits(int)[2]</c> under Surefire 3 and in Gradle's reports, <c>fits(int) &gt; [2] 2</c> on Gradle's console),
/// while Maven and Gradle select tests by method. A flaky invocation was named twice (its line and the closing list's
/// <c>SizeTest.fits</c>) or by its display name alone, so its re-run never vouched for it and it was never called flaky.
/// The outputs here are written after what Maven 3.8.7 (Surefire 2.22.3) and Gradle print for such a test.
/// </summary>
public sealed class JvmParameterisedTests
{
    private const string MavenJUnit4Failure = """
        [ERROR] Tests run: 2, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 0.148 s <<< FAILURE! - in p.SizeTest
        [ERROR] fits[1](p.SizeTest)  Time elapsed: 0.008 s  <<< FAILURE!
        java.lang.AssertionError: timed out
        	at p.SizeTest.fits(SizeTest.java:27)

        [ERROR] Failures: 
        [ERROR]   SizeTest.fits:27 timed out
        [ERROR] Tests run: 2, Failures: 1, Errors: 0, Skipped: 0
        [ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin:2.22.3:test (default-test) on project m4: There are test failures.
        """;

    private const string MavenJUnit5Failure = """
        [ERROR] Tests run: 2, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 0.38 s <<< FAILURE! - in p.SizeTest
        [ERROR] fits{int}[2]  Time elapsed: 0.043 s  <<< FAILURE!
        org.opentest4j.AssertionFailedError: timed out ==> expected: <false> but was: <true>
        	at p.SizeTest.fits(SizeTest.java:13)

        [ERROR] Failures: 
        [ERROR]   SizeTest.fits:13 timed out ==> expected: <false> but was: <true>
        [ERROR] Tests run: 2, Failures: 1, Errors: 0, Skipped: 0
        """;

    private const string GradleJUnit5Failure = """
        > Task :test

        SizeTest > fits(int) > [2] 2 FAILED
            org.opentest4j.AssertionFailedError: timed out ==> expected: <false> but was: <true>
                at app//p.SizeTest.fits(SizeTest.java:13)

        2 tests completed, 1 failed

        FAILURE: Build failed with an exception.
        """;

    [Fact]
    public void MavenParse_Surefire2JUnit4Invocation_NamedOnce_NotAgainFromTheClosingList()
        => Assert.Equal(["p.SizeTest.fits[1]"], new MavenOutputParser().Parse(MavenJUnit4Failure).Select(f => f.TestName));

    [Fact]
    public void MavenParse_Surefire2JUnit5Invocation_TakesItsClassFromTheLineBefore()
    {
        var finding = Assert.Single(new MavenOutputParser().Parse(MavenJUnit5Failure));

        Assert.Equal("p.SizeTest.fits{int}[2]", finding.TestName);
        Assert.Equal("timed out ==> expected: <false> but was: <true>\n(at SizeTest.java:13)", finding.Message);
    }

    [Fact]
    public void MavenParse_Surefire3JUnit5Invocation_Named()
    {
        const string output = """
            [ERROR] Tests run: 2, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 0.071 s <<< FAILURE! -- in p.SizeTest
            [ERROR] p.SizeTest.fits(int, String)[2] -- Time elapsed: 0.011 s <<< FAILURE!
            org.opentest4j.AssertionFailedError: expected: <8> but was: <9>
            	at p.SizeTest.fits(SizeTest.java:12)

            [ERROR] Failures: 
            [ERROR]   SizeTest.fits:12 expected: <8> but was: <9>
            """;

        Assert.Equal(["p.SizeTest.fits(int, String)[2]"], new MavenOutputParser().Parse(output).Select(f => f.TestName));
    }

    [Fact]
    public void GradleParse_JUnit5InvocationDisplayName_NamedByMethodAndInvocation()
        => Assert.Equal(["SizeTest.fits(int)[2]"], new GradleOutputParser().Parse(GradleJUnit5Failure).Select(f => f.TestName));

    [Theory]
    [InlineData("p.SizeTest.fits[1]", "p.SizeTest", "fits", "[1]")]
    [InlineData("p.SizeTest.fits{int}[2]", "p.SizeTest", "fits", "[2]")]
    [InlineData("p.SizeTest.fits(int, java.lang.String)[2]", "p.SizeTest", "fits", "[2]")]
    [InlineData("p.SizeTest.fits()", "p.SizeTest", "fits", null)]
    [InlineData("p.Outer$Inner.works", "p.Outer$Inner", "works", null)]
    public void JvmTestName_TakesTheRunnersSpellingsApart(string name, string type, string method, string? invocation)
    {
        var parsed = JvmTestName.Parse(name);

        Assert.Equal((type, method, invocation), (parsed!.Value.Class, parsed.Value.Method, parsed.Value.Invocation));
    }

    [Fact]
    public async Task MavenRerun_JUnit4FlakyInvocation_SelectedByMethodAndCalledFlaky()
    {
        using var repo = JavaProject();
        var runner = new RecordingCommandRunner(request => Surefire(repo.Path, request, "fits[0]", "fits[1]"));

        var result = await new MavenValidator().ValidateAsync(new FolderWorkspace(repo.Path).Context(runner), TestContext.Current.CancellationToken);

        Assert.Equal(ValidationOutcome.Passed, result.Outcome);
        Assert.Contains("passed after re-running 1 flaky test(s)", result.Summary, StringComparison.Ordinal);
        Assert.Contains(runner.Requests, r => r.Arguments.Contains("-Dtest=SizeTest#fits+fits[*]"));
    }

    [Fact]
    public async Task MavenRerun_JUnit5InvocationFailingAgain_StillBlocks()
    {
        using var repo = JavaProject();
        var runner = new RecordingCommandRunner(request => Surefire(repo.Path, request, "fits{int}[1]", "fits{int}[2]", failsAgain: true));

        var result = await new MavenValidator().ValidateAsync(new FolderWorkspace(repo.Path).Context(runner), TestContext.Current.CancellationToken);

        Assert.Equal(ValidationOutcome.Failed, result.Outcome);
        Assert.Equal(["p.SizeTest.fits{int}[2]"], result.Findings.Select(f => f.TestName));
        Assert.DoesNotContain("flaky", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GradleRerun_JUnit5FlakyInvocation_SelectedByMethodAndCalledFlaky()
    {
        using var repo = JavaProject();
        var runner = new RecordingCommandRunner(request =>
        {
            if (request.FileName != "gradle" || !request.Arguments.Contains("test"))
            {
                return new CommandResult(0, "", TimeSpan.Zero);
            }

            // Gradle selects by method: the display name "[2] 2" selects nothing.
            var rerun = request.Arguments.Contains("--tests");
            var selected = rerun && request.Arguments.Contains("SizeTest.fits");
            WriteReport(repo.Path, "build/test-results/test/TEST-p.SizeTest.xml", [("fits(int)[1]", true), ("fits(int)[2]", rerun)], skipAll: rerun && !selected);
            return rerun ? new CommandResult(selected ? 0 : 1, "", TimeSpan.FromSeconds(1)) : new CommandResult(1, GradleJUnit5Failure, TimeSpan.FromSeconds(1));
        });

        var result = await new GradleValidator().ValidateAsync(new FolderWorkspace(repo.Path).Context(runner), TestContext.Current.CancellationToken);

        Assert.Equal(ValidationOutcome.Passed, result.Outcome);
        Assert.Contains("passed after re-running 1 flaky test(s)", result.Summary, StringComparison.Ordinal);
    }

    private static TemporaryDirectory JavaProject()
    {
        var repo = new TemporaryDirectory("honk-jvm-parameterised");
        repo.WriteFile("pom.xml", "<project><modelVersion>4.0.0</modelVersion><groupId>p</groupId><artifactId>p</artifactId><version>1</version></project>\n");
        repo.WriteFile("build.gradle", "apply plugin: 'java'\n");
        repo.WriteFile("src/test/java/p/SizeTest.java", "package p;\n\nclass SizeTest {\n    void fits(int size) { }\n}\n");
        return repo;
    }

    /// <summary>
    /// Stands in for Maven with Surefire 2.22: the first run fails the second invocation; a re-run runs the invocations
    /// its <c>-Dtest=Class#pattern+pattern</c> matches as Surefire does (a whole name, <c>*</c> any characters), and
    /// they pass unless <paramref name="failsAgain"/>.
    /// </summary>
    private static CommandResult Surefire(string root, CommandRequest request, string first, string second, bool failsAgain = false)
    {
        if (request.FileName != "mvn" || !request.Arguments.Contains("test"))
        {
            return new CommandResult(0, "", TimeSpan.Zero);
        }

        const string report = "target/surefire-reports/TEST-p.SizeTest.xml";
        var selection = request.Arguments.FirstOrDefault(a => a.StartsWith("-Dtest=", StringComparison.Ordinal));
        if (selection is null)
        {
            WriteReport(root, report, [(first, true), (second, false)]);
            return new CommandResult(1, first.Contains('{', StringComparison.Ordinal) ? MavenJUnit5Failure : MavenJUnit4Failure, TimeSpan.FromSeconds(1));
        }

        // JUnit 5 methods are matched by the method's own name, JUnit 4 invocations by their whole name.
        var patterns = selection["-Dtest=SizeTest#".Length..].Split('+');
        bool Selected(string name) => patterns.Any(p => Regex.IsMatch(name.Contains('{', StringComparison.Ordinal) ? name[..name.IndexOf('{', StringComparison.Ordinal)] : name,
            "^" + Regex.Escape(p).Replace(@"\*", ".*", StringComparison.Ordinal) + "$"));
        var ran = new[] { first, second }.Where(Selected).Select(n => (n, !failsAgain || n == first)).ToList();
        WriteReport(root, report, ran);
        return new CommandResult(ran.All(r => r.Item2) ? 0 : 1, "", TimeSpan.FromSeconds(1));
    }

    private static void WriteReport(string root, string relative, IReadOnlyList<(string Name, bool Passed)> cases, bool skipAll = false)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var body = string.Concat(cases.Select(c => c.Passed && !skipAll
            ? $"""<testcase name="{c.Name}" classname="p.SizeTest" time="0.01"/>"""
            : $"""<testcase name="{c.Name}" classname="p.SizeTest" time="0.01"><{(skipAll ? "skipped" : "failure")} message="timed out"/></testcase>"""));
        File.WriteAllText(path, $"""<?xml version="1.0" encoding="UTF-8"?><testsuite name="p.SizeTest" tests="{cases.Count}">{body}</testsuite>""");
    }
}
