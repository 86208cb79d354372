using Honk.Testing;
using Honk.Validators.Tests.Support;

namespace Honk.Validators.Tests.Node;

/// <summary>
/// A yarn 4 repository as arcanis/typanion lays it out: <c>packageManager: yarn@4…</c> and the release committed under
/// <c>.yarn/releases</c>, named by <c>.yarnrc.yml</c>'s <c>yarnPath</c>. Before, the install's narrowed view hid both, so
/// the machine's yarn 1 refused the project ("Corepack must currently be enabled") on the base and in the session: the
/// checks of every such repository ended as "cannot run in this environment" although yarn 1 runs the committed release.
/// </summary>
public sealed class YarnBerryTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("honk-validators-berry");

    public YarnBerryTests()
    {
        _directory.WriteFile("package.json", """
            { "name": "typed", "packageManager": "yarn@4.4.1", "scripts": { "test": "mocha" }, "devDependencies": { "mocha": "^10.0.0" } }
            """);
        _directory.WriteFile("yarn.lock", "__metadata:\n  version: 8\n");
        _directory.WriteFile(".yarnrc.yml", "yarnPath: .yarn/releases/yarn-4.4.1.cjs\n\nplugins:\n  - path: .yarn/plugins/@yarnpkg/plugin-workspace-tools.cjs\n    spec: \"@yarnpkg/plugin-workspace-tools\"\n");
        _directory.WriteFile(".yarn/releases/yarn-4.4.1.cjs", "// the committed release\n");
        _directory.WriteFile(".yarn/plugins/@yarnpkg/plugin-workspace-tools.cjs", "// a committed plugin\n");
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Install_ShowsYarnrcAndTheCommittedReleaseAndPlugins_ToTheNarrowedView()
    {
        var runner = new RecordingCommandRunner();

        await new NodeValidator(new NodeValidatorOptions { AllowNetwork = true }).ValidateAsync(new FolderWorkspace(_directory.Path).Context(runner), TestContext.Current.CancellationToken);

        var install = Assert.Single(runner.Requests, r => r.AllowNetwork);
        Assert.Equal(["yarn", "install", "--immutable"], [install.FileName, .. install.Arguments]);
        Assert.NotNull(install.ManifestView);
        Assert.Contains(".yarnrc.yml", install.ManifestView.Manifests);
        Assert.Contains("yarn-4.4.1.cjs", install.ManifestView.Manifests);
        Assert.Contains("plugin-workspace-tools.cjs", install.ManifestView.Manifests);
        Assert.Contains("package.json", install.ManifestView.Manifests);
    }

    [Fact]
    public async Task InstallAndScripts_LinkIntoNodeModules_KeepingCacheAndStateThere_TheOnlyWritableFolder()
    {
        var runner = new RecordingCommandRunner();

        await new NodeValidator(new NodeValidatorOptions { AllowNetwork = true }).ValidateAsync(new FolderWorkspace(_directory.Path).Context(runner), TestContext.Current.CancellationToken);

        var modules = Path.Combine(_directory.Path, "node_modules");
        Assert.Equal(2, runner.Requests.Count);
        Assert.All(runner.Requests, r =>
        {
            Assert.Equal("node-modules", r.Environment["YARN_NODE_LINKER"]);
            Assert.StartsWith(modules + "/", r.Environment["YARN_CACHE_FOLDER"], StringComparison.Ordinal);
            Assert.StartsWith(modules + "/", r.Environment["YARN_INSTALL_STATE_PATH"], StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task TheSandboxsScriptSwitches_WithTheNetworkOn_AreOnesYarn2Accepts()
    {
        // yarn 2+ refuses to run under any setting it does not know: YARN_IGNORE_SCRIPTS (yarn 1's) stopped every install.
        await SandboxRunners.RequireBubblewrapAsync();
        var request = CommandRequest.Shell("echo \"[$YARN_IGNORE_SCRIPTS|$YARN_ENABLE_SCRIPTS|$npm_config_ignore_scripts]\"") with { AllowNetwork = true };

        var result = await SandboxRunners.For(_directory.Path).RunAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal("[|false|true]", result.Output.Trim());
    }

    [Fact]
    public async Task InstallAndScripts_TrustTheCaBundleTheMachinesNpmIsConfiguredWith()
    {
        // arcanis/typanion: npm and yarn 1 trusted this machine's CA through the global npmrc's cafile; yarn 2+ reads no
        // npmrc and failed with "self-signed certificate in certificate chain".
        var configured = MachineCaFile.Find(Environment.GetEnvironmentVariable);
        if (configured is null)
        {
            Assert.Skip("this machine configures no CA bundle for npm (global npmrc cafile, NODE_EXTRA_CA_CERTS) under /etc or /usr.");
        }

        var runner = new RecordingCommandRunner();

        await new NodeValidator(new NodeValidatorOptions { AllowNetwork = true }).ValidateAsync(new FolderWorkspace(_directory.Path).Context(runner), TestContext.Current.CancellationToken);

        Assert.Equal(2, runner.Requests.Count);
        Assert.All(runner.Requests, r => Assert.Equal(configured, r.Environment["YARN_CA_FILE_PATH"]));
    }

    [Fact]
    public void MachineCaFile_IsReadFromTheGlobalNpmrc_OnlyWhenItIsASystemFileTheSandboxShows()
    {
        const string Bundle = "/etc/ssl/certs/ca-certificates.crt";
        if (!File.Exists(Bundle))
        {
            Assert.Skip($"{Bundle} does not exist here.");
        }

        var npmrc = _directory.WriteFile("global/npmrc", $"; the machine's npm settings\nstrict-ssl=true\ncafile = {Bundle}\n");
        Assert.Equal(Bundle, MachineCaFile.Find(Variables(("npm_config_globalconfig", npmrc))));

        // A bundle outside the system folders (the sandbox hides the home folder; a repository's file is no trust anchor).
        var own = _directory.WriteFile("certs/ca.pem", "-----BEGIN CERTIFICATE-----\n");
        _directory.WriteFile("global/npmrc", $"cafile={own}\n");
        Assert.Null(MachineCaFile.Find(Variables(("npm_config_globalconfig", npmrc))));
        Assert.Null(MachineCaFile.Find(Variables(("npm_config_globalconfig", npmrc), ("NODE_EXTRA_CA_CERTS", own))));
        Assert.Equal(Bundle, MachineCaFile.Find(Variables(("npm_config_globalconfig", npmrc), ("NODE_EXTRA_CA_CERTS", Bundle))));
    }

    private static Func<string, string?> Variables(params (string Name, string Value)[] variables)
        => name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public async Task Yarn1_KeepsItsOwnInstall_NoBerryVariables()
    {
        _directory.WriteFile("package.json", """{ "name": "classic", "scripts": { "test": "mocha" }, "devDependencies": { "mocha": "^10.0.0" } }""");
        File.Delete(_directory.Combine(".yarnrc.yml"));
        _directory.WriteFile("yarn.lock", "# yarn lockfile v1\n");
        var runner = new RecordingCommandRunner();

        await new NodeValidator(new NodeValidatorOptions { AllowNetwork = true }).ValidateAsync(new FolderWorkspace(_directory.Path).Context(runner), TestContext.Current.CancellationToken);

        var install = Assert.Single(runner.Requests, r => r.AllowNetwork);
        Assert.Same(ManifestView.NodeInstall, install.ManifestView);
        Assert.All(runner.Requests, r => Assert.False(r.Environment.ContainsKey("YARN_NODE_LINKER")));
    }
}
