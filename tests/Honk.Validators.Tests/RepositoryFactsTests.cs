using Honk.Testing;

namespace Honk.Validators.Tests;

public sealed class RepositoryFactsTests
{
    private static readonly string[] Files =
    [
        "App.sln", "src/Api/Api.csproj", "src/Api/Controllers/Orders.cs", "src/Core/Core.csproj", "src/Core/Order.cs",
        "web/package.json", "web/src/app.ts", "Directory.Build.props", "README.md",
    ];

    [Fact]
    public void ProjectsOwningChanges_NestedFiles_NearestProjectAbove()
    {
        var facts = new RepositoryFacts("/repo", Files, ["src/Api/Controllers/Orders.cs", "src/Core/Order.cs", "README.md"]);

        var owners = facts.ProjectsOwningChanges(p => p.EndsWith(".csproj", StringComparison.Ordinal), out var unowned);

        Assert.Equal(["src/Api/Api.csproj", "src/Core/Core.csproj"], owners);
        Assert.Equal(["README.md"], unowned);
    }

    [Fact]
    public void NearestProjectFiles_NoProjectAbove_Empty()
    {
        var facts = new RepositoryFacts("/repo", Files);

        Assert.Empty(facts.NearestProjectFiles("web/src/app.ts", p => p.EndsWith(".csproj", StringComparison.Ordinal)));
        Assert.Equal(["web/package.json"], facts.NearestProjectFiles("web/src/app.ts", p => p.EndsWith("package.json", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ScanAsync_RealFolder_SkipsDependencyAndOutputFolders()
    {
        using var directory = new TemporaryDirectory("honk-facts");
        directory.WriteFile("package.json", "{}");
        directory.WriteFile("node_modules/left-pad/package.json", "{}");
        directory.WriteFile("src/App/obj/project.assets.json", "{}");
        directory.WriteFile("src/App/App.csproj", "<Project />");

        var facts = await RepositoryFacts.ScanAsync(directory.Path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["package.json", "src/App/App.csproj"], facts.Files);
    }

    [Fact]
    public async Task ScanAsync_Cancelled_Throws()
    {
        using var directory = new TemporaryDirectory("honk-facts");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RepositoryFacts.ScanAsync(directory.Path, cancellationToken: cancelled.Token));
    }

    [Fact]
    public void ToRelativePath_InsideAndOutside_OnlyInsideRelativized()
    {
        Assert.Equal("src/A.cs", RepositoryFacts.ToRelativePath("/repo", "/repo/src/A.cs"));
        Assert.Equal("/usr/share/dotnet/x.targets", RepositoryFacts.ToRelativePath("/repo", "/usr/share/dotnet/x.targets"));
        Assert.Equal("/repository/A.cs", RepositoryFacts.ToRelativePath("/repo", "/repository/A.cs"));
    }

    [Fact]
    public void Detect_MixedRepository_BothValidatorsApply()
    {
        var facts = new RepositoryFacts("/repo", Files);
        var validators = BuiltInValidators.Create().OfType<CommandValidator>();

        var names = ValidatorDetector.Detect(validators, facts);

        Assert.Contains("dotnet", names);
        Assert.Contains("npm", names);
        Assert.Empty(ValidatorDetector.Detect([new DotnetValidator(), new NodeValidator()], new RepositoryFacts("/repo", ["README.md"])));
    }
}
