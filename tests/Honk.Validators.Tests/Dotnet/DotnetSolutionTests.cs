using Honk.Testing;

namespace Honk.Validators.Tests.Dotnet;

public sealed class DotnetSolutionTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("honk-dotnet-solution");

    public DotnetSolutionTests()
    {
        _directory.WriteFile("src/Lib/Lib.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        _directory.WriteFile("src/Lib/Thing.cs", "");
        _directory.WriteFile("tests/Lib.Tests/Lib.Tests.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><ItemGroup><ProjectReference Include=\"../../src/Lib/Lib.csproj\" /></ItemGroup></Project>");
        _directory.WriteFile("samples/Demo/Demo.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><ItemGroup><ProjectReference Include=\"../../src/Lib/Lib.csproj\" /></ItemGroup></Project>");
        _directory.WriteFile("samples/Demo/Program.cs", "");
        _directory.WriteFile("Lib.sln", "Project(\"{X}\") = \"Lib\", \"src\\Lib\\Lib.csproj\", \"{1}\"\nProject(\"{X}\") = \"Lib.Tests\", \"tests\\Lib.Tests\\Lib.Tests.csproj\", \"{2}\"\n");
    }

    [Fact]
    public async Task Choose_OnlySolution_ItsProjectsCount_SampleLeftOut()
    {
        var solution = DotnetSolution.Choose(await FactsAsync(), configured: null)!;

        Assert.Equal("Lib.sln", solution.Path);
        Assert.Equal(["src/Lib/Lib.csproj", "tests/Lib.Tests/Lib.Tests.csproj"], solution.Projects);
    }

    [Fact]
    public async Task Choose_SolutionFilterNamedByCiWorkflow_FilterWins()
    {
        _directory.WriteFile("All.slnx", "<Solution><Project Path=\"src/Lib/Lib.csproj\" /><Project Path=\"samples/Demo/Demo.csproj\" /></Solution>");
        _directory.WriteFile("build/Core.slnf", """{ "solution": { "path": "..\\Lib.sln", "projects": [ "src\\Lib\\Lib.csproj" ] } }""");
        _directory.WriteFile(".github/workflows/ci.yml", "jobs:\n  test:\n    steps:\n      - run: dotnet test ./build/Core.slnf -c Release\n");

        var solution = DotnetSolution.Choose(await FactsAsync(), configured: null)!;

        Assert.Equal("build/Core.slnf", solution.Path);
        Assert.StartsWith("named in .github/workflows/ci.yml", solution.Reason, StringComparison.Ordinal);
        Assert.Equal(["src/Lib/Lib.csproj"], solution.Projects);
    }

    [Fact]
    public async Task Choose_Configured_WinsOverCi_AndMissingOneIsAnError()
    {
        _directory.WriteFile("All.slnx", "<Solution><Folder Name=\"/samples/\"><Project Path=\"samples/Demo/Demo.csproj\" /></Folder><Project Path=\"src/Lib/Lib.csproj\" /></Solution>");
        _directory.WriteFile(".github/workflows/ci.yml", "run: dotnet build Lib.sln");
        var facts = await FactsAsync();

        var solution = DotnetSolution.Choose(facts, "./All.slnx")!;
        var error = Assert.Throws<RepositorySettingsException>(() => DotnetSolution.Choose(facts, "Nope.sln"));

        Assert.Equal(["samples/Demo/Demo.csproj", "src/Lib/Lib.csproj"], solution.Projects);
        Assert.Contains("'Nope.sln', which does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scope_ChangeInLibrary_SampleOutsideSolutionNotBuilt()
    {
        var facts = await FactsAsync("src/Lib/Thing.cs");
        var graph = DotnetProjectGraph.Load(facts);
        graph.UseEvaluatedTests(new Dictionary<string, bool> { ["tests/Lib.Tests/Lib.Tests.csproj"] = true });

        var scope = DotnetScope.For(facts, new DotnetValidatorOptions(), graph, DotnetSolution.Choose(facts, null));

        Assert.Equal(["tests/Lib.Tests/Lib.Tests.csproj"], scope.BuildTargets);
        Assert.Equal(["tests/Lib.Tests/Lib.Tests.csproj"], scope.TestTargets);
        Assert.DoesNotContain("samples/Demo/Demo.csproj", scope.Projects);
    }

    [Fact]
    public async Task Scope_ChangeOnlyInSample_ValidatesTheSolution()
    {
        var facts = await FactsAsync("samples/Demo/Program.cs");
        var graph = DotnetProjectGraph.Load(facts);

        var scope = DotnetScope.For(facts, new DotnetValidatorOptions(), graph, DotnetSolution.Choose(facts, null));

        Assert.Equal(["Lib.sln"], scope.BuildTargets);
        Assert.DoesNotContain("samples/Demo/Demo.csproj", scope.Projects);
    }

    [Fact]
    public async Task Scope_EvaluatedTestProject_WithoutTestPackageInItsXml_IsTested()
    {
        var facts = await FactsAsync();
        var graph = DotnetProjectGraph.Load(facts);
        Assert.False(graph.IsTestProject("tests/Lib.Tests/Lib.Tests.csproj"));

        graph.UseEvaluatedTests(new Dictionary<string, bool> { ["tests/Lib.Tests/Lib.Tests.csproj"] = true, ["src/Lib/Lib.csproj"] = false });
        var scope = DotnetScope.For(facts, new DotnetValidatorOptions(), graph, DotnetSolution.Choose(facts, null));

        Assert.Equal(["Lib.sln"], scope.TestTargets);
        Assert.Equal(["tests/Lib.Tests/Lib.Tests.csproj"], scope.TestProjects);
    }

    public void Dispose() => _directory.Dispose();

    private Task<RepositoryFacts> FactsAsync(params string[] changed)
        => RepositoryFacts.ScanAsync(_directory.Path, changed, TestContext.Current.CancellationToken);
}
