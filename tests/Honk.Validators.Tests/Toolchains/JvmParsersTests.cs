using Honk.Validators.Toolchains;

namespace Honk.Validators.Tests.Toolchains;

public sealed class JvmParsersTests
{
    [Fact]
    public void MavenParse_Surefire3JUnit5_AssertionsFramesAndNoDuplicatesFromClosingList()
    {
        var findings = new MavenOutputParser().Parse(RecordedOutput.Read("maven-surefire3-junit5-failures.txt"));

        Assert.Equal(["com.example.CalcTest.addsSmallNumbers", "com.example.CalcTest.greets", "com.example.CalcTest.lengthOfNull"], findings.Select(f => f.TestName));
        Assert.Equal("expected: <8> but was: <9>\n(at CalcTest.java:12)", findings[0].Message);
        Assert.Equal("greeting for world ==> expected: <hello world> but was: <hello, world>\n(at CalcTest.java:17)", findings[1].Message);
        Assert.Equal("NullPointerException: Cannot invoke \"String.length()\" because \"s\" is null\n(at CalcTest.java:22)", findings[2].Message);
    }

    [Fact]
    public void MavenParse_Surefire2JUnit4_OldTestNamesAndMessages()
    {
        var findings = new MavenOutputParser().Parse(RecordedOutput.Read("maven-surefire2-junit4-failures.txt"));

        Assert.Equal(["com.example.CalcTest.addsSmallNumbers", "com.example.CalcTest.parsesNumber"], findings.Select(f => f.TestName));
        Assert.Equal("expected:<8> but was:<9>\n(at CalcTest.java:11)", findings[0].Message);
        Assert.StartsWith("NumberFormatException: For input string: \"x1\"", findings[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MavenParse_ClosingListOnly_TestsFromList()
    {
        const string output = """
            [ERROR] Failures: 
            [ERROR]   OrderTest.totalOfEmptyCart:41->checkTotal:51 expected: <0> but was: <1>
            [ERROR] Errors: 
            [ERROR]   OrderTest.nullCart:18 » NullPointer
            [ERROR] Tests run: 9, Failures: 1, Errors: 1, Skipped: 0
            """;

        var findings = new MavenOutputParser().Parse(output);

        Assert.Equal([("OrderTest.totalOfEmptyCart", "expected: <0> but was: <1>"), ("OrderTest.nullCart", "NullPointer")], findings.Select(f => (f.TestName, f.Message)));
    }

    [Fact]
    public void MavenParse_CompileErrorsPrintedTwice_ReportedOnceWithSymbol()
    {
        var findings = new MavenOutputParser().Parse(RecordedOutput.Read("maven-compile-errors.txt"));

        Assert.Equal(2, findings.Count);
        Assert.Equal(($"{RecordedOutput.Root}/src/main/java/com/example/Calc.java", 5, 20), (findings[0].File, findings[0].Line!.Value, findings[0].Column!.Value));
        Assert.Equal("cannot find symbol; symbol: variable c; location: class com.example.Calc", findings[0].Message);
        Assert.Equal("incompatible types: int cannot be converted to java.lang.String", findings[1].Message);
    }

    [Fact]
    public void MavenParse_PluginUnresolvedOffline_OneClearFinding()
    {
        var finding = Assert.Single(new MavenOutputParser().Parse(RecordedOutput.Read("maven-offline-unresolved.txt")));

        Assert.Equal("offline", finding.Code);
        Assert.StartsWith("could not resolve org.apache.maven.plugins:maven-resources-plugin:2.6 offline", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MavenParse_UnresolvedDependencies_NamesEveryMissingArtifact()
    {
        // Maven 3.8.7 on a multi-module project offline, its local repository lacking two pinned versions.
        const string output = "[ERROR] Failed to execute goal on project child1: Could not resolve dependencies for project com.child1:child1:jar:1.0-SNAPSHOT: "
            + "The following artifacts could not be resolved: com.google.code.gson:gson:jar:2.10.1, junit:junit:jar:3.8.1: Cannot access central "
            + "(https://repo.maven.apache.org/maven2) in offline mode and the artifact com.google.code.gson:gson:jar:2.10.1 has not been downloaded from it before. -> [Help 1]\n";

        var finding = Assert.Single(new MavenOutputParser().Parse(output));

        Assert.Equal("offline", finding.Code);
        Assert.StartsWith("could not resolve com.google.code.gson:gson:jar:2.10.1, junit:junit:jar:3.8.1 offline", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GradleDescribeSuccess_SumsTheInitScriptsCounts()
        => Assert.Equal("5 tests passed", new GradleOutputParser().DescribeSuccess(":api:test\nhonk-gradle: :api:test ran 1 tests\n:app:test\nhonk-gradle: :app:test ran 4 tests\n\nBUILD SUCCESSFUL in 9s\n"));

    [Fact]
    public void MavenDescribeSuccess_TotalsLine_CountsTests()
        => Assert.Equal("12 tests passed", new MavenOutputParser().DescribeSuccess("[INFO] Tests run: 12, Failures: 0, Errors: 0, Skipped: 0\n[INFO] BUILD SUCCESS\n"));

    [Fact]
    public void GradleParse_ShortExceptionFormat_TypeAndTestLine()
    {
        var findings = new GradleOutputParser().Parse(RecordedOutput.Read("gradle-test-failures-short.txt"));

        Assert.Equal([("CalcTest.addsSmallNumbers()", "AssertionFailedError\n(at CalcTest.java:12)"), ("CalcTest.lengthOfNull()", "NullPointerException\n(at CalcTest.java:22)")],
            findings.Select(f => (f.TestName, f.Message)));
    }

    [Fact]
    public void GradleParse_FullExceptionFormat_AssertionMessageAndOwnFrame()
    {
        var findings = new GradleOutputParser().Parse(RecordedOutput.Read("gradle-test-failures-full.txt"));

        Assert.Equal(2, findings.Count);
        Assert.Equal(("com.example.CalcTest.adds small numbers()", "expected: <8> but was: <9>\n(at CalcTest.kt:9)"), (findings[0].TestName, findings[0].Message));
        Assert.Equal("NumberFormatException: For input string: \"x1\"\n(at CalcTest.kt:16)", findings[1].Message);
    }

    [Fact]
    public void GradleParse_JavacErrors_FileLineColumnAndSymbol()
    {
        var findings = new GradleOutputParser().Parse(RecordedOutput.Read("gradle-compile-errors.txt"));

        Assert.Equal(2, findings.Count);
        Assert.Equal(($"{RecordedOutput.Root}/src/main/java/com/example/Calc.java", 5, 20), (findings[0].File, findings[0].Line!.Value, findings[0].Column!.Value));
        Assert.Equal("cannot find symbol; symbol: variable c; location: class Calc", findings[0].Message);
    }

    [Theory]
    [InlineData("gradle-kotlin-compile-errors.txt", 2, "Unresolved reference 'c'.", 4, 16)]
    [InlineData("gradle-kotlin1-compile-error.txt", 1, "Unresolved reference: c", 3, 5)]
    public void GradleParse_KotlinErrors_BothFormats(string recording, int count, string message, int line, int column)
    {
        var findings = new GradleOutputParser().Parse(RecordedOutput.Read(recording));

        Assert.Equal(count, findings.Count);
        Assert.Equal((message, line, column), (findings[0].Message, findings[0].Line!.Value, findings[0].Column!.Value));
        Assert.EndsWith("Calc.kt", findings[0].File, StringComparison.Ordinal);
        Assert.StartsWith("/home/dev/calc/", findings[0].File, StringComparison.Ordinal);
    }

    [Fact]
    public void GradleParse_WrapperCannotDownload_ExplainsNetwork()
    {
        var finding = Assert.Single(new GradleOutputParser().Parse(RecordedOutput.Read("gradle-wrapper-offline.txt")));

        Assert.Contains("UnknownHostException: services.gradle.org", finding.Message, StringComparison.Ordinal);
        Assert.Contains("without network", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GradleParse_NothingSpecific_WhatWentWrongBlock()
    {
        const string output = """
            FAILURE: Build failed with an exception.

            * What went wrong:
            A problem occurred evaluating root project 'calc'.
            > Could not find method implementationx() for arguments [junit:junit:4.13.2]

            * Try:
            > Run with --stacktrace option to get the stack trace.
            """;

        var finding = Assert.Single(new GradleOutputParser().Parse(output));

        Assert.Equal("A problem occurred evaluating root project 'calc'.\nCould not find method implementationx() for arguments [junit:junit:4.13.2]", finding.Message);
    }
}
