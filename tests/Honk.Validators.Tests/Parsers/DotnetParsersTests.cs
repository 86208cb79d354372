using System.Xml.Linq;

namespace Honk.Validators.Tests.Parsers;

public sealed class DotnetParsersTests
{
    [Fact]
    public void MsBuildParse_Diagnostics_ErrorsOnlyWithoutProjectSuffix()
    {
        const string output = """
            /repo/src/App/Program.cs(12,5): warning CS0168: The variable 'e' is declared but never used [/repo/src/App/App.csproj]
            /repo/src/App/Program.cs(14,9): error CS0103: The name 'foo' does not exist in the current context [/repo/src/App/App.csproj]
            /repo/src/App/App.csproj : error NU1101: Unable to find package Nope. No packages exist with this id in source(s): local
            MSBUILD : error MSB1009: Project file does not exist.
            Build FAILED.
            """;

        var findings = new MsBuildOutputParser().Parse(output);

        Assert.Equal(3, findings.Count);
        Assert.Equal(("/repo/src/App/Program.cs", 14, 9, "CS0103"), (findings[0].File, findings[0].Line!.Value, findings[0].Column!.Value, findings[0].Code));
        Assert.Equal("The name 'foo' does not exist in the current context", findings[0].Message);
        Assert.Equal(("/repo/src/App/App.csproj", (int?)null, "NU1101"), (findings[1].File, findings[1].Line, findings[1].Code));
        Assert.Null(findings[2].File);
        Assert.Equal("MSB1009", findings[2].Code);
    }

    [Fact]
    public void TestConsoleParse_FailedBlock_NameMessageAndFrame()
    {
        const string output = """
              Failed Calc.Tests.CalculatorTests.Add_ReturnsSum [3 ms]
              Error Message:
               Assert.Equal() Failure: Values differ
            Expected: 8
            Actual:   9
              Stack Trace:
                 at Calc.Tests.CalculatorTests.Add_ReturnsSum() in /repo/tests/Calc.Tests/CalculatorTests.cs:line 10
               at System.Reflection.MethodBaseInvoker.InterpretedInvoke_Method(Object obj, IntPtr* args)

            Failed!  - Failed:     1, Passed:     1, Skipped:     0, Total:     2, Duration: 4 ms - Calc.Tests.dll (net10.0)
            """;

        var finding = Assert.Single(new DotnetTestConsoleParser().Parse(output));

        Assert.Equal("Calc.Tests.CalculatorTests.Add_ReturnsSum", finding.TestName);
        Assert.Equal("Assert.Equal() Failure: Values differ\nExpected: 8\nActual:   9", finding.Message);
        Assert.Equal("/repo/tests/Calc.Tests/CalculatorTests.cs", finding.File);
        Assert.Equal(10, finding.Line);
    }

    [Fact]
    public void TrxRead_FailedAndPassed_FullNamesMessageAndRepositoryFrame()
    {
        var document = XDocument.Parse("""
            <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <Results>
                <UnitTestResult testId="a" testName="Add_ReturnsSum" outcome="Failed">
                  <Output><ErrorInfo>
                    <Message>Assert.Equal() Failure: Values differ
            Expected: 8
            Actual:   9</Message>
                    <StackTrace>   at Xunit.Assert.Equal[T](T expected, T actual) in /_/src/Assert.cs:line 1
               at Calc.Tests.CalculatorTests.Add_ReturnsSum() in /repo/tests/CalculatorTests.cs:line 10</StackTrace>
                  </ErrorInfo></Output>
                </UnitTestResult>
                <UnitTestResult testId="b" testName="Calc.Tests.CalculatorTests.Other" outcome="Passed" />
              </Results>
              <TestDefinitions>
                <UnitTest id="a"><TestMethod className="Calc.Tests.CalculatorTests" name="Add_ReturnsSum" /></UnitTest>
                <UnitTest id="b"><TestMethod className="Calc.Tests.CalculatorTests" name="Other" /></UnitTest>
              </TestDefinitions>
            </TestRun>
            """);

        var results = TrxReader.Read(document, "/repo");

        var failure = Assert.Single(results.Failures);
        Assert.Equal("Calc.Tests.CalculatorTests.Add_ReturnsSum", failure.TestName);
        Assert.Equal("tests/CalculatorTests.cs", failure.File);
        Assert.Equal(10, failure.Line);
        Assert.Contains("Expected: 8", failure.Message, StringComparison.Ordinal);
        Assert.Equal(["Calc.Tests.CalculatorTests.Other"], results.Passed);
        Assert.Equal(2, results.Total);
    }
}
