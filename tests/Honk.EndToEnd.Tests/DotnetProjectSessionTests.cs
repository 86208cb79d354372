using Honk.Review;
using Honk.Scripting;
using Honk.Testing;
using Honk.Tools;
using Honk.Validators;
using Honk.Workspaces.Git;

namespace Honk.EndToEnd.Tests;

/// <summary>
/// Issue 5's "done when" on a real dotnet solution: the stop gate runs the real build and tests in the sandbox; a fix
/// succeeds, a wrong fix ends validation_failed with the failing test and its assertion, and a skipped test is vetoed.
/// </summary>
public sealed class DotnetProjectSessionTests : IAsyncLifetime
{
    private const string Buggy = "namespace Calc;\n\npublic static class Calculator\n{\n    public static int Add(int a, int b) => a + b + 1;\n}\n";

    private readonly TemporaryDirectory _cache = new();
    private TemporaryGitRepository _repo = null!;

    public async ValueTask InitializeAsync()
    {
        _repo = await TemporaryGitRepository.CreateAsync(cancellationToken: TestContext.Current.CancellationToken);
        await _repo.CommitFilesAsync(
            new Dictionary<string, string>
            {
                ["nuget.config"] = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <clear />\n    <add key=\"local\" value=\"/opt/nuget/packages\" />\n  </packageSources>\n</configuration>\n",
                [".gitignore"] = "bin/\nobj/\n",
                ["Calc.slnx"] = "<Solution>\n  <Project Path=\"src/Calc/Calc.csproj\" />\n  <Project Path=\"tests/Calc.Tests/Calc.Tests.csproj\" />\n</Solution>\n",
                ["src/Calc/Calc.csproj"] = "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFramework>net10.0</TargetFramework>\n  </PropertyGroup>\n</Project>\n",
                ["src/Calc/Calculator.cs"] = Buggy,
                ["tests/Calc.Tests/Calc.Tests.csproj"] = "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFramework>net10.0</TargetFramework>\n    <IsPackable>false</IsPackable>\n  </PropertyGroup>\n  <ItemGroup>\n    <PackageReference Include=\"Microsoft.NET.Test.Sdk\" Version=\"18.0.1\" />\n    <PackageReference Include=\"xunit\" Version=\"2.9.3\" />\n    <PackageReference Include=\"xunit.runner.visualstudio\" Version=\"3.1.5\" />\n  </ItemGroup>\n  <ItemGroup>\n    <ProjectReference Include=\"../../src/Calc/Calc.csproj\" />\n  </ItemGroup>\n</Project>\n",
                ["tests/Calc.Tests/CalculatorTests.cs"] = "using Xunit;\n\nnamespace Calc.Tests;\n\npublic class CalculatorTests\n{\n    [Fact]\n    public void Add_ReturnsSum()\n    {\n        Assert.Equal(8, Calculator.Add(4, 4));\n    }\n}\n",
            },
            "calculator with an off-by-one",
            TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _repo.DisposeAsync();
        _cache.Dispose();
    }

    [Fact]
    public async Task FixingTheBug_Succeeds_AndAWrongFix_EndsValidationFailed_NamingTheTest()
    {
        var fixedSession = await RunAsync("""
            { "turns": [
              { "toolCalls": [ { "name": "edit_file", "arguments": { "path": "src/Calc/Calculator.cs", "old_text": "a + b + 1", "new_text": "a + b" } } ] },
              { "text": "Fixed Add." } ] }
            """);
        Assert.True(fixedSession.Status == SessionStatus.Succeeded, fixedSession.Message + "\n" + string.Join("\n", fixedSession.Validators.Select(v => v.Summary)));
        Assert.Equal("dotnet", Assert.Single(fixedSession.Validators).Name);

        var wrong = await RunAsync("""
            { "turns": [
              { "toolCalls": [ { "name": "edit_file", "arguments": { "path": "src/Calc/Calculator.cs", "old_text": "a + b + 1", "new_text": "a + b + 2" } } ] },
              { "text": "Fixed Add." },
              { "text": "It is fixed." } ] }
            """);
        Assert.Equal(SessionStatus.ValidationFailed, wrong.Status);
        var summary = Assert.Single(wrong.Validators).Summary;
        Assert.Contains("Calc.Tests.CalculatorTests.Add_ReturnsSum", summary, StringComparison.Ordinal);
        Assert.Contains("Expected: 8", summary, StringComparison.Ordinal);
        Assert.Matches(@"Actual:\s+10", summary);
        Assert.True(summary.Length <= 2048, $"summary is {summary.Length} characters");
    }

    [Fact]
    public async Task SkippingTheFailingTest_IsCaughtByTheGuard()
    {
        var result = await RunAsync("""
            { "turns": [
              { "toolCalls": [ { "name": "edit_file", "arguments": { "path": "tests/Calc.Tests/CalculatorTests.cs", "old_text": "[Fact]", "new_text": "[Fact(Skip = \"flaky\")]" } } ] },
              { "text": "Done." },
              { "text": "Still done." } ] }
            """);

        Assert.Equal(SessionStatus.Vetoed, result.Status);
        Assert.Contains("CalculatorTests.cs", result.Message, StringComparison.Ordinal);
    }

    private async Task<SessionResult> RunAsync(string script)
    {
        var provider = new GitWorkspaceProvider(new GitWorkspaceOptions { CacheRoot = _cache.Combine("cache"), WorktreesRoot = _cache.Combine("worktrees") });
        await using var workspace = await provider.AcquireGitWorkspaceAsync(new WorkspaceRequest(_repo.Path, "dotnet-" + Guid.NewGuid().ToString("n")[..8]), TestContext.Current.CancellationToken);
        var nuget = _cache.Combine("nuget");
        Directory.CreateDirectory(nuget);
        var sandbox = new SandboxOptions();
        sandbox.ReadWritePaths.Add(nuget);
        sandbox.ReadOnlyPaths.Add("/opt/nuget/packages");
        sandbox.Environment["NUGET_PACKAGES"] = nuget;
        var options = new AgentSessionOptions { Workspace = workspace, CommandRunner = new SandboxedCommandRunner(workspace.RootPath, sandbox) };
        options.Loop.MaxStopGateRounds = 1;
        options.Loop.MaxJudgeRounds = 0;
        foreach (var tool in BuiltInTools.Create())
        {
            options.Tools.Add(tool);
        }

        var validators = new BuiltInValidatorsOptions();
        validators.Dotnet.AllowNetwork = true;
        validators.Dotnet.Environment["NUGET_PACKAGES"] = nuget;
        foreach (var validator in BuiltInValidators.Create(validators))
        {
            options.Validators.Add(validator);
        }

        options.Judges.Add(new TestIntegrityGuard());
        return await new AgentSession(ScriptedChatClient.FromJson(script), new CodingTask("Calculator.Add returns the sum"), options).RunAsync(TestContext.Current.CancellationToken);
    }
}
