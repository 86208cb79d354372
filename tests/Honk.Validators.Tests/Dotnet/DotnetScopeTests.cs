using Honk.Testing;

namespace Honk.Validators.Tests.Dotnet;

public sealed class DotnetScopeTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("honk-dotnet-scope");

    public DotnetScopeTests()
    {
        _directory.WriteFile("App.sln", "Project(\"{X}\") = \"Core\", \"src\\Core\\Core.csproj\", \"{1}\"\nProject(\"{X}\") = \"Api\", \"src\\Api\\Api.csproj\", \"{2}\"\n"
            + "Project(\"{X}\") = \"Core.Tests\", \"tests\\Core.Tests\\Core.Tests.csproj\", \"{3}\"\nProject(\"{X}\") = \"Other\", \"src\\Other\\Other.csproj\", \"{4}\"\n");
        _directory.WriteFile("src/Core/Core.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        _directory.WriteFile("src/Core/Order.cs", "");
        _directory.WriteFile("src/Other/Other.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        _directory.WriteFile("src/Api/Api.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><ItemGroup><ProjectReference Include=\"..\\Core\\Core.csproj\" /></ItemGroup></Project>");
        _directory.WriteFile("tests/Core.Tests/Core.Tests.csproj",
            "<Project Sdk=\"Microsoft.NET.Sdk\"><ItemGroup><PackageReference Include=\"xunit\" /><ProjectReference Include=\"../../src/Core/Core.csproj\" /></ItemGroup></Project>");
        _directory.WriteFile("Directory.Build.props", "<Project />");
    }

    [Fact]
    public async Task For_ChangeInLibrary_BuildsDependentsAndTestsItsTests()
    {
        var scope = For(await FactsAsync("src/Core/Order.cs"));

        Assert.Equal(["src/Api/Api.csproj", "tests/Core.Tests/Core.Tests.csproj"], scope.BuildTargets);
        Assert.Equal(["tests/Core.Tests/Core.Tests.csproj"], scope.TestTargets);
        Assert.DoesNotContain("src/Other/Other.csproj", scope.Projects);
    }

    [Fact]
    public async Task For_SharedBuildFileChanged_WholeSolution()
    {
        var scope = For(await FactsAsync("src/Core/Order.cs", "Directory.Build.props"));

        Assert.Equal(["App.sln"], scope.BuildTargets);
        Assert.Equal(["App.sln"], scope.TestTargets);
        Assert.Equal(4, scope.Projects.Count);
    }

    [Fact]
    public async Task For_NoChanges_WholeSolution()
    {
        var scope = For(await FactsAsync());

        Assert.Equal(["App.sln"], scope.BuildTargets);
    }

    public void Dispose() => _directory.Dispose();

    private static DotnetScope For(RepositoryFacts facts)
        => DotnetScope.For(facts, new DotnetValidatorOptions(), DotnetProjectGraph.Load(facts), DotnetSolution.Choose(facts, configured: null));

    private Task<RepositoryFacts> FactsAsync(params string[] changed)
        => RepositoryFacts.ScanAsync(_directory.Path, changed, TestContext.Current.CancellationToken);
}
