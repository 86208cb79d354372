using Honk.Testing;

namespace Honk.Validators.Tests.Dotnet;

/// <summary>
/// Microsoft.Testing.Platform mode (global.json's test runner): dotnet test refuses VSTest's switches there. Checked by
/// hand on an MSTest 4 project in that mode: `dotnet test X.csproj ... -nologo -v:q -tl:off --logger trx` ran nothing
/// ("Unknown option '--logger'", exit 5), the arguments below ran both tests and wrote the TRX.
/// </summary>
public sealed class TestingPlatformModeTests
{
    [Theory]
    [InlineData("""{ "test": { "runner": "Microsoft.Testing.Platform" } }""", true)]
    [InlineData("""{ "sdk": { "version": "10.0.400" }, /* the runner */ "test": { "runner": "microsoft.testing.platform", }, }""", true)]
    [InlineData("""{ "test": { "runner": "VSTest" } }""", false)]
    [InlineData("""{ "sdk": { "version": "10.0.400" } }""", false)]
    [InlineData("""{ "test": "Microsoft.Testing.Platform" }""", false)]
    [InlineData("not json", false)]
    public void IsOn_ReadsTheRunnerFromGlobalJson(string globalJson, bool expected)
    {
        using var directory = new TemporaryDirectory("honk-mtp");
        directory.WriteFile("global.json", globalJson);

        Assert.Equal(expected, TestingPlatformMode.IsOn(directory.Path));
    }

    [Fact]
    public void IsOn_WithoutGlobalJson_IsOff()
    {
        using var directory = new TemporaryDirectory("honk-mtp");

        Assert.False(TestingPlatformMode.IsOn(directory.Path));
    }

    [Theory]
    [InlineData("Webhooks.slnx", "--solution")]
    [InlineData("Calc.sln", "--solution")]
    [InlineData("tests/Calc.Tests/Calc.Tests.csproj", "--project")]
    public void TestArguments_NameTheTargetByOption_AndAskForTrxWithoutVsTestSwitches(string target, string option)
    {
        var arguments = TestingPlatformMode.TestArguments(target, ["-c", "Release"], "/w/.honk-test-results-1");

        Assert.Equal(["test", option, target, "--no-build", "--no-restore", "-c", "Release", "--results-directory", "/w/.honk-test-results-1", "--report-trx"], arguments);
        Assert.Equal(target, TestingPlatformMode.TargetOf(arguments));
        Assert.DoesNotContain("--logger", arguments);
        Assert.DoesNotContain("-nologo", arguments);
    }
}
