namespace Honk.Validators.Tests.Dotnet;

/// <summary>
/// A small real solution (a library and its xunit tests, one of them flaky), restored once outside the sandbox from
/// the local package folder. Tests rewrite <c>Calculator.cs</c> to the state they need.
/// </summary>
public sealed class DotnetSolutionFixture : RestoredDotnetRepository
{
    public const string CalculatorPath = "src/Calc/Calculator.cs";
    public const string TestsPath = "tests/Calc.Tests/CalculatorTests.cs";

    public const string BuggyCalculator = """
        namespace Calc;

        public static class Calculator
        {
            public static int Add(int a, int b) => a + b + 1;
        }
        """;

    public const string FixedCalculator = """
        namespace Calc;

        public static class Calculator
        {
            public static int Add(int a, int b) => a + b;
        }
        """;

    public const string BrokenCalculator = """
        namespace Calc;

        public static class Calculator
        {
            public static int Add(int a, int b) => a + missing;
        }
        """;

    public DotnetSolutionFixture()
        : base("honk-validators-dotnet")
    {
    }

    protected override string Solution => "Calc.slnx";

    public string FlakyMarker => Path.Combine(Root, "tests/Calc.Tests/flaky.marker");

    protected override void WriteFiles()
    {
        WriteFile(".gitignore", "bin/\nobj/\n");
        WriteFile("Calc.slnx", """
            <Solution>
              <Project Path="src/Calc/Calc.csproj" />
              <Project Path="tests/Calc.Tests/Calc.Tests.csproj" />
            </Solution>
            """);
        WriteFile("src/Calc/Calc.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
            </Project>
            """);
        WriteFile(CalculatorPath, BuggyCalculator);
        WriteFile("tests/Calc.Tests/Calc.Tests.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <IsPackable>false</IsPackable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
                <PackageReference Include="xunit" Version="2.9.3" />
                <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
              </ItemGroup>
              <ItemGroup>
                <ProjectReference Include="../../src/Calc/Calc.csproj" />
              </ItemGroup>
            </Project>
            """);
        WriteFile(TestsPath, """
            using Xunit;

            namespace Calc.Tests;

            public class CalculatorTests
            {
                [Fact]
                public void Add_ReturnsSum()
                {
                    Assert.Equal(8, Calculator.Add(4, 4));
                }

                [Fact]
                public void Add_Zero_IsIdentity()
                {
                    Assert.Equal(0, Calculator.Add(0, 0) - Calculator.Add(0, 0));
                }
            }
            """);
        WriteFile("tests/Calc.Tests/FlakyTests.cs", """
            using System.IO;
            using Xunit;

            namespace Calc.Tests;

            public class FlakyTests
            {
                // Fails on a fresh run and passes when re-run right after: the marker survives between the runs.
                [Fact]
                public void PassesOnSecondRun()
                {
                    var marker = Path.Combine(Path.GetDirectoryName(typeof(FlakyTests).Assembly.Location)!, "../../../flaky.marker");
                    if (!File.Exists(marker))
                    {
                        File.WriteAllText(marker, "seen");
                        Assert.Fail("first run fails");
                    }
                }
            }
            """);
    }

    public void Reset(string calculator)
    {
        WriteFile(CalculatorPath, calculator);
        File.Delete(FlakyMarker);
    }
}
