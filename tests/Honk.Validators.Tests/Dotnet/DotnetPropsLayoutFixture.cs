namespace Honk.Validators.Tests.Dotnet;

/// <summary>
/// A layout that broke on real repositories: the test project's file names no test package (they come from
/// <c>tests/Directory.Build.props</c>), and a sample outside the solution references a package no source has (its
/// restore fails with NU1101, as in a repository whose CI never builds its samples). Only the solution is restored.
/// </summary>
public sealed class DotnetPropsLayoutFixture : RestoredDotnetRepository
{
    public const string LibraryPath = "src/Shapes/Area.cs";
    public const string TestsPath = "tests/Shapes.Tests/AreaTests.cs";

    public const string WrongArea = """
        namespace Shapes;

        public static class Area
        {
            public static int Rectangle(int width, int height) => width + height;
        }
        """;

    public const string RightArea = """
        namespace Shapes;

        public static class Area
        {
            public static int Rectangle(int width, int height) => width * height;
        }
        """;

    public DotnetPropsLayoutFixture()
        : base("honk-validators-dotnet-props")
    {
    }

    protected override string Solution => "Shapes.sln";

    protected override void WriteFiles()
    {
        WriteFile("Directory.Build.props", """
            <Project>
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
            </Project>
            """);
        WriteFile("tests/Directory.Build.props", """
            <Project>
              <Import Project="$([MSBuild]::GetPathOfFileAbove('Directory.Build.props', '$(MSBuildThisFileDirectory)../'))" />
              <ItemGroup>
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
                <PackageReference Include="xunit" Version="2.9.3" />
                <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
              </ItemGroup>
            </Project>
            """);
        const string Lib = "{11111111-1111-1111-1111-111111111111}";
        const string Tests = "{22222222-2222-2222-2222-222222222222}";
        WriteFile("Shapes.sln", $$"""
            Microsoft Visual Studio Solution File, Format Version 12.00
            # Visual Studio Version 17
            Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "Shapes", "src\Shapes\Shapes.csproj", "{{Lib}}"
            EndProject
            Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "Shapes.Tests", "tests\Shapes.Tests\Shapes.Tests.csproj", "{{Tests}}"
            EndProject
            Global
                GlobalSection(SolutionConfigurationPlatforms) = preSolution
                    Debug|Any CPU = Debug|Any CPU
                EndGlobalSection
                GlobalSection(ProjectConfigurationPlatforms) = postSolution
                    {{Lib}}.Debug|Any CPU.ActiveCfg = Debug|Any CPU
                    {{Lib}}.Debug|Any CPU.Build.0 = Debug|Any CPU
                    {{Tests}}.Debug|Any CPU.ActiveCfg = Debug|Any CPU
                    {{Tests}}.Debug|Any CPU.Build.0 = Debug|Any CPU
                EndGlobalSection
            EndGlobal
            """);
        WriteFile("src/Shapes/Shapes.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        WriteFile(LibraryPath, WrongArea);
        WriteFile("tests/Shapes.Tests/Shapes.Tests.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <ProjectReference Include="../../src/Shapes/Shapes.csproj" />
              </ItemGroup>
            </Project>
            """);
        WriteFile(TestsPath, """
            using Xunit;

            namespace Shapes.Tests;

            public class AreaTests
            {
                [Fact]
                public void Rectangle_MultipliesSides()
                {
                    Assert.Equal(12, Area.Rectangle(3, 4));
                }
            }
            """);
        WriteFile("samples/Demo/Demo.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType></PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Honk.Fixture.PackageNobodyServes" Version="1.0.0" />
                <ProjectReference Include="../../src/Shapes/Shapes.csproj" />
              </ItemGroup>
            </Project>
            """);
        WriteFile("samples/Demo/Program.cs", "System.Console.WriteLine(Shapes.Area.Rectangle(2, 3));\n");
    }

    public void Reset(string area) => WriteFile(LibraryPath, area);
}
