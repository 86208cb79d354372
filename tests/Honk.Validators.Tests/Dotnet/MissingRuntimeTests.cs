namespace Honk.Validators.Tests.Dotnet;

/// <summary>
/// A test project whose target framework's runtime is not installed is the machine's lack, said plainly. Found in
/// session 13 with a net8.0 xunit project on this machine (only the 10.0 runtime): the test host never started, the
/// raw tail cut the "Framework: … version '8.0.0'" line, and its TRX file name (a time stamp, a random folder) differed
/// from the base's run, so the same failure did not match and went to the model as a failure of its change.
/// </summary>
public sealed class MissingRuntimeTests
{
    [Fact]
    public void TestConsoleParse_TesthostWithoutItsRuntime_OneFindingNamingTheRuntime()
    {
        var finding = Assert.Single(new DotnetTestConsoleParser().Parse(Output("2026-12-08_03_35_27", "059b82605454")));

        Assert.Null(finding.TestName);
        Assert.Null(finding.File);
        Assert.Contains("Lib.Tests (net8.0)", finding.Message, StringComparison.Ordinal);
        Assert.Contains("'Microsoft.NETCore.App', version '8.0.0'", finding.Message, StringComparison.Ordinal);
        Assert.Contains("installed here: 10.0.12", finding.Message, StringComparison.Ordinal);
        Assert.True(SandboxLimits.Mentioned(finding.Message));
    }

    [Fact]
    public void TestConsoleParse_TheBasesRunAtAnotherTime_TheSameFailure()
    {
        var session = Assert.Single(new DotnetTestConsoleParser().Parse(Output("2026-12-08_03_35_27", "059b82605454")));
        var onTheBase = Assert.Single(new DotnetTestConsoleParser().Parse(Output("2026-12-08_03_36_58", "a1fe3c9d07bb")));

        Assert.Equal(ValidationBaseline.Key(onTheBase), ValidationBaseline.Key(session));
    }

    // dotnet test's output for a net8.0 test project with only the 10.0 runtime installed (SDK 10.0.401).
    private static string Output(string stamp, string folder) => $"""
        Test run for /w/repo/Lib.Tests/bin/Debug/net8.0/Lib.Tests.dll (.NETCoreApp,Version=v8.0)
        A total of 1 test files matched the specified pattern.
        Testhost process for source(s) '/w/repo/Lib.Tests/bin/Debug/net8.0/Lib.Tests.dll' exited with error: You must install or update .NET to run this application.
        App: /w/repo/Lib.Tests/bin/Debug/net8.0/testhost.dll
        Architecture: x64
        Framework: 'Microsoft.NETCore.App', version '8.0.0' (x64)
        .NET location: /usr/share/dotnet/
        The following frameworks were found:
          10.0.12 at [/usr/share/dotnet/shared/Microsoft.NETCore.App]
        Learn more:
        https://aka.ms/dotnet/app-launch-failed
        To install missing framework, download:
        https://aka.ms/dotnet-core-applaunch?framework=Microsoft.NETCore.App&framework_version=8.0.0&arch=x64&rid=linux-x64&os=debian.12
        . Please check the diagnostic logs for more information.
        Results File: .honk-test-results-{folder}/_honk-sandbox_{stamp}_net8.0.trx
        Test Run Aborted.
        """;
}
