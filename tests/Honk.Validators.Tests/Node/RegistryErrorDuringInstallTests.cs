using Honk.Testing;
using Honk.Validators.Tests.Support;

namespace Honk.Validators.Tests.Node;

/// <summary>
/// A package the registry lacks stops the install the same way on the session and on the untouched base: that is the
/// environment, not the change — unless the change edited a manifest or lockfile. Found on tinyhttp/tinyhttp
/// (session 11): pnpm's <c>ERR_PNPM_FETCH_404</c> came as the output's last ten lines, eight of them progress counters
/// that differ from run to run, so the base's identical failure never matched and the stop gate sent the 404 to the
/// model as a failure of its code.
/// </summary>
public sealed class RegistryErrorDuringInstallTests : IDisposable
{
    private const string Missing = "ERR_PNPM_FETCH_404\u2009 GET https://registry.npmjs.org/@honk-fixture/es-tag/-/es-tag-1.0.8.tgz: Not Found - 404";

    private readonly TemporaryDirectory _session = new("honk-registry-404");
    private readonly TemporaryDirectory _base = new("honk-registry-404-base");

    public RegistryErrorDuringInstallTests()
    {
        foreach (var folder in new[] { _session, _base })
        {
            // A pnpm workspace: members with only a build script, every test at the root.
            folder.WriteFile("package.json", """{ "name": "root", "private": true, "packageManager": "pnpm@9.10.0", "scripts": { "test": "vitest run" }, "devDependencies": { "vitest": "^3.0.0" } }""");
            folder.WriteFile("pnpm-workspace.yaml", "packages:\n  - packages/*\n");
            folder.WriteFile("pnpm-lock.yaml", "lockfileVersion: '9.0'\n");
            folder.WriteFile("packages/cookie/package.json", """{ "name": "@honk-fixture/cookie", "version": "1.0.0", "scripts": { "build": "tsc" }, "dependencies": { "@honk-fixture/es-tag": "1.0.8" } }""");
            folder.WriteFile("packages/cookie/src/index.ts", "export function parse(text: string) {\n  return text.split(';');\n}\n");
            folder.WriteFile("tests/cookie.test.ts", "import { parse } from '../packages/cookie/src/index';\n");
        }
    }

    public void Dispose()
    {
        _session.Dispose();
        _base.Dispose();
    }

    [Fact]
    public async Task Validate_TheBaseFailsTheInstallOnTheSame404_AfterOtherProgress_IsTheEnvironment()
    {
        _session.WriteFile("packages/cookie/src/index.ts", "// Never throws.\nexport function parse(text: string) {\n  return text.split(';');\n}\n");

        var result = await ValidateAsync(["packages/cookie/src/index.ts"], Install(progressLines: 40), Install(progressLines: 3));

        Assert.Equal(ValidationFailureKind.Environment, result.FailureKind);
        Assert.Contains("@honk-fixture/es-tag/-/es-tag-1.0.8.tgz", result.Summary, StringComparison.Ordinal);
        Assert.Contains("cannot run in this environment", result.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("package.json")]
    [InlineData("pnpm-lock.yaml")]
    public async Task Validate_TheChangeEditedTheManifestOrLockfile_The404IsTheChangesToMend(string edited)
    {
        _session.WriteFile(edited, _session.ReadFile(edited) + "\n");

        var result = await ValidateAsync([edited], Install(progressLines: 40), Install(progressLines: 3));

        Assert.Equal(ValidationFailureKind.Checks, result.FailureKind);
        Assert.False(result.OnlyPreExistingFailures, result.Summary);
        Assert.Contains("@honk-fixture/es-tag/-/es-tag-1.0.8.tgz", result.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("npm error code E404\nnpm error 404 Not Found - GET https://registry.npmjs.org/honk-fixture-absent\nnpm error 404\nnpm error A complete log of this run can be found in: /root/.npm/_logs/x.log\n",
        "E404", "404 Not Found - GET https://registry.npmjs.org/honk-fixture-absent")]
    [InlineData("npm ERR! code ETARGET\nnpm ERR! notarget No matching version found for left-pad@99.0.0.\n", "ETARGET", "notarget No matching version found for left-pad@99.0.0.")]
    [InlineData(" ERR_PNPM_NO_MATCHING_VERSION\u2009 No matching version found for left-pad@99.0.0\n\nThe latest release of left-pad is \"1.3.0\".\n",
        "ERR_PNPM_NO_MATCHING_VERSION", "No matching version found for left-pad@99.0.0")]
    [InlineData("[1/4] Resolving packages...\nerror Couldn't find package \"honk-fixture-absent\" on the \"npm\" registry.\ninfo Visit https://yarnpkg.com/en/docs/cli/install for documentation about this command.\n",
        "yarn", "Couldn't find package \"honk-fixture-absent\" on the \"npm\" registry.")]
    [InlineData("error Couldn't find any versions for \"left-pad\" that matches \"99.0.0\"\n", "yarn", "Couldn't find any versions for \"left-pad\" that matches \"99.0.0\"")]
    [InlineData("➤ YN0035: │ left-pad@npm:99.0.0: Package not found\n", "YN0035", "left-pad@npm:99.0.0: Package not found")]
    public void Parse_EachManagersRegistryError_OneFindingWithoutFileOrTest(string output, string code, string detail)
    {
        var finding = Assert.Single(NodeValidator.Parser.Parse(output));

        Assert.Equal(code, finding.Code);
        Assert.Equal($"{PackageRegistryErrorParser.Lead} ({code}): {detail}", finding.Message);
        Assert.Null(finding.File);
        Assert.Null(finding.TestName);
    }

    private async Task<ValidationResult> ValidateAsync(IReadOnlyList<string> changed, string sessionInstall, string baseInstall)
    {
        var inner = new NodeValidator(new NodeValidatorOptions { AllowNetwork = true });
        var baseline = await ValidationBaseline.CaptureAsync([inner],
            new FolderWorkspace(_base.Path).Context(Runner(baseInstall), round: 0), TestContext.Current.CancellationToken);
        var workspace = new FolderWorkspace(_session.Path);
        workspace.Changed.AddRange(changed);
        return await new BaselineValidator(inner, _ => Task.FromResult(baseline))
            .ValidateAsync(workspace.Context(Runner(sessionInstall)), TestContext.Current.CancellationToken);
    }

    private static RecordingCommandRunner Runner(string installOutput)
        => new(r => r.Arguments.Contains("install") ? new CommandResult(1, installOutput, TimeSpan.FromSeconds(30)) : new CommandResult(0, "", TimeSpan.Zero));

    /// <summary>pnpm's output when one tarball of the lockfile is missing, after as many progress lines as the run happened to print.</summary>
    private static string Install(int progressLines)
    {
        var lines = new List<string> { "Scope: all 3 workspace projects", "Lockfile is up to date, resolution step is skipped", "Packages: +337" };
        lines.AddRange(Enumerable.Range(1, progressLines).Select(i => $"Progress: resolved 337, reused {i * 3}, downloaded {i * 5}, added {i * 4}"));
        lines.AddRange([Missing, "", "No authorization header was set for the request."]);
        return string.Join('\n', lines) + "\n";
    }
}
