using System.Text.RegularExpressions;

namespace Honk.EndToEnd.Tests.Samples;

/// <summary>
/// A consumer with warnings as errors that references every library package Honk packs (not the <c>honk</c> tool)
/// must restore and build: no NU1605 downgrades, no NETSDK1206, no analyzer warnings leaking from a package. The project
/// is written here, under artifacts/, against the packages `.ci/run` packs; skipped with a message when they are absent.
/// </summary>
[Collection(SampleRuns.Collection)]
public sealed partial class EveryPackageConsumerTests
{
    [Fact]
    public async Task AConsumerWithWarningsAsErrors_BuildsAgainstEveryPackage()
    {
        var ct = TestContext.Current.CancellationToken;
        var root = SampleRuns.RepositoryRoot();
        if (SampleRuns.MissingPackages(root) is { } missing)
        {
            Assert.Skip(missing);
        }

        SampleRuns.DropStalePackages(root);
        var feed = Path.Combine(root, "artifacts", "packages");
        var packages = Directory.GetFiles(feed, "Honk*.nupkg")
            .Select(f => PackageId().Match(Path.GetFileName(f)))
            .Where(m => m.Success)
            .Select(m => m.Groups["id"].Value)
            // The dotnet tool, installed with `dotnet tool install`, not referenced; a Release pack adds its per-runtime
            // packages (Honk.Cli.any, Honk.Cli.linux-x64, ...), which are parts of the tool, not libraries.
            .Where(id => id != "Honk.Cli" && !id.StartsWith("Honk.Cli.", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(packages.Count >= 15, $"only {packages.Count} packages in {feed}: {string.Join(", ", packages)}");

        var project = Path.Combine(root, "artifacts", "every-package");
        if (Directory.Exists(project))
        {
            Directory.Delete(project, recursive: true);
        }

        Directory.CreateDirectory(project);
        var references = string.Join("\n", packages.Select(p => $"""    <PackageReference Include="{p}" Version="0.1.0-*" />"""));
        await File.WriteAllTextAsync(Path.Combine(project, "EveryPackage.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <AnalysisLevel>latest</AnalysisLevel>
              </PropertyGroup>
              <ItemGroup>
            {references}
              </ItemGroup>
            </Project>
            """, ct);
        await File.WriteAllTextAsync(Path.Combine(project, "Program.cs"), """
            using Honk;

            var services = new ServiceCollection();
            services.AddHonk().AddHonkDefaults().WithKernelPlugins(new Microsoft.SemanticKernel.Kernel()).AddMcpServers([]);
            Console.WriteLine(typeof(Honk.HonkAgent).Assembly.GetName().Name);
            """, ct);
        // Like the samples: stand apart from the repository's own build settings and central package versions.
        foreach (var cut in new[] { "Directory.Build.props", "Directory.Packages.props" })
        {
            File.Copy(Path.Combine(root, "samples", "03_aspnet", cut), Path.Combine(project, cut));
        }

        await File.WriteAllTextAsync(Path.Combine(project, "nuget.config"), await File.ReadAllTextAsync(Path.Combine(root, "samples", "03_aspnet", "nuget.config"), ct), ct);

        var build = await SampleRuns.RunAsync(project, ["build", "-nologo", "-clp:ErrorsOnly"], ct);

        Assert.True(build.ExitCode == 0, $"a consumer of {string.Join(", ", packages)} did not build:\n{build.Output}\n{build.Errors}");
    }

    [GeneratedRegex(@"^(?<id>Honk(\.[A-Za-z]+)*)\.\d+\.\d+\.\d+(-[A-Za-z0-9.]+)?\.nupkg$")]
    private static partial Regex PackageId();
}
