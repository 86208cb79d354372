namespace Honk.Cli.Tests.Outcomes;

/// <summary>
/// The .NET family: two xunit projects in one solution, each holding its code beside its tests (the smallest layout
/// the dotnet validator scopes per project). Packages come from the machine's local package folder; nothing is
/// downloaded.
/// </summary>
public sealed partial record ToolchainFamily
{
    private const string NuGetConfig = """
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="local" value="/opt/nuget/packages" />
          </packageSources>
        </configuration>

        """;

    private const string Solution = """
        <Solution>
          <Project Path="calc/Calc.csproj" />
          <Project Path="strings/Strings.csproj" />
        </Solution>

        """;

    // Expression-bodied: the other families' list is built from it, and static initialisers of partial files run in no set order.
    private static ToolchainFamily Dotnet => new(
        "dotnet",
        ["dotnet"],
        new()
        {
            ["calc/Calc.cs"] = "namespace Calc;\n\npublic static class Calculator\n{\n    public static int Add(int a, int b) => a - b;\n}\n",
            ["calc/Calc.csproj"] = TestProject(string.Empty),
            ["calc/CalcTests.cs"] = "using Xunit;\n\nnamespace Calc;\n\npublic class CalcTests\n{\n    [Fact]\n    public void AddsSmallNumbers() => Assert.Equal(5, Calculator.Add(2, 3));\n}\n",
            ["nuget.config"] = NuGetConfig,
            ["Fixture.slnx"] = Solution,
        },
        new()
        {
            ["strings/Shout.cs"] = "namespace Strs;\n\npublic static class Shouter\n{\n    public static string Shout(string s) => s;\n}\n",
            ["strings/Strings.csproj"] = TestProject(string.Empty),
            ["strings/ShoutTests.cs"] = "using Xunit;\n\nnamespace Strs;\n\npublic class ShoutTests\n{\n    [Fact]\n    public void ShoutsInCapitals() => Assert.Equal(\"HI\", Shouter.Shout(\"hi\"));\n}\n",
        },
        "calc/Calc.cs",
        "    public static int Add(int a, int b) => a - b;",
        "    public static int Add(int a, int b) => a + b;",
        "    // adds two numbers",
        ("strings/Shout.cs", "=> s;", "=> s.ToUpperInvariant();"),
        "AddsSmallNumbers",
        "ShoutsInCapitals",

        // The tests sit in a folder the project leaves out of the build, so the test run finds none.
        new()
        {
            ["calc/Calc.cs"] = "namespace Calc;\n\npublic static class Calculator\n{\n    public static int Add(int a, int b) => a + b;\n}\n",
            ["calc/Calc.csproj"] = TestProject("""
                  <ItemGroup>
                    <Compile Remove="Slow/**" />
                  </ItemGroup>

                """),
            ["calc/Slow/CalcTests.cs"] = "using Xunit;\n\nnamespace Calc;\n\npublic class CalcTests\n{\n    [Fact]\n    public void Adds() => Assert.Equal(5, Calculator.Add(2, 3));\n}\n",
            ["nuget.config"] = NuGetConfig,
            ["Fixture.slnx"] = "<Solution>\n  <Project Path=\"calc/Calc.csproj\" />\n</Solution>\n",
        })
    {
        Unavailable = () => Directory.Exists("/opt/nuget/packages/xunit") ? null : "the local package folder /opt/nuget/packages (xunit, Microsoft.NET.Test.Sdk) is missing",
        // Honk shows the sandbox NuGet's own folders only (the user's configuration), never a folder a repository's
        // nuget.config names: this machine's offline packages are given as the global packages folder, as a developer
        // whose NuGet configuration names them would have it. Without it the fixture's restore cannot see them.
        RunEnvironment = new() { ["NUGET_PACKAGES"] = "/opt/nuget/packages" },
        RunTimeout = TimeSpan.FromMinutes(12),
    };

    private static string TestProject(string extra) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <IsPackable>false</IsPackable>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
            <PackageReference Include="xunit" Version="2.9.3" />
            <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
          </ItemGroup>
        {extra}</Project>

        """;
}
