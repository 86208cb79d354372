using Honk.Testing;
using Honk.Validators.Tests.Support;

namespace Honk.Validators.Tests.Settings;

public sealed class RepositorySettingsTests
{
    [Fact]
    public void Load_NoFile_None()
    {
        using var directory = new TemporaryDirectory("honk-settings");

        Assert.Same(RepositorySettings.None, RepositorySettings.Load(directory.Path));
    }

    [Fact]
    public void Parse_CMakeAndDotnet_Read()
    {
        var settings = RepositorySettings.Parse("""
            {
              // the CLI's own keys live beside the validators' and are not this reader's business
              "model": "anthropic:claude",
              "validators": {
                "cmake": { "configureArgs": ["-DMYLIB_BUILD_TESTS=ON", "-DCMAKE_BUILD_TYPE=Debug"], "preset": "ci", },
                "dotnet": { "solution": "src/App.slnf" },
              },
            }
            """);

        Assert.Equal(["-DMYLIB_BUILD_TESTS=ON", "-DCMAKE_BUILD_TYPE=Debug"], settings.Validators.CMake!.ConfigureArgs);
        Assert.Equal("ci", settings.Validators.CMake.Preset);
        Assert.Equal("src/App.slnf", settings.Validators.Dotnet!.Solution);
    }

    [Fact]
    public void Parse_NoValidatorsSection_None()
    {
        Assert.Same(RepositorySettings.None, RepositorySettings.Parse("""{ "model": "script:x.json" }"""));
    }

    [Fact]
    public void Parse_UnknownValidatorKey_ErrorNamesKnownKeys()
    {
        var error = Assert.Throws<RepositorySettingsException>(() => RepositorySettings.Parse("""{ "validators": { "cmake": { "configureArg": [] } } }"""));

        Assert.Contains("configureArg", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
        Assert.Contains(ValidatorSettings.KnownKeys, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "validators": { "dotnet": { "solution": "../other/App.sln" } } }""", "inside the repository")]
    [InlineData("""{ "validators": { "dotnet": { "solution": "src/App.csproj" } } }""", ".sln, .slnx or .slnf")]
    [InlineData("""{ "validators": { "cmake": { "configureArgs": [""] } } }""", "empty argument")]
    [InlineData("""{ "validators": [] }""", "must be an object")]
    [InlineData("""[]""", "JSON object")]
    [InlineData("""{ "validators": """, "not valid")]
    public void Parse_BadValues_ClearError(string json, string expected)
    {
        var error = Assert.Throws<RepositorySettingsException>(() => RepositorySettings.Parse(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadForValidation_BrokenFile_FailedPlanSaysWhichValidator()
    {
        using var directory = new TemporaryDirectory("honk-settings");
        directory.WriteFile("honk.json", """{ "validators": { "cmake": 3 } }""");

        var (settings, failure) = await RepositorySettings.LoadForValidationAsync(new FolderWorkspace(directory.Path).Context(null), "cmake", TestContext.Current.CancellationToken);

        Assert.Null(settings);
        Assert.StartsWith("cmake: The repository's honk.json is not valid", failure!.Result!.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadForValidation_WorkspaceEditsHonkJson_TheBaseCommitsSettingsHold()
    {
        await using var repo = await TemporaryGitRepository.CreateAsync(cancellationToken: TestContext.Current.CancellationToken);
        var baseCommit = await repo.CommitFilesAsync(new Dictionary<string, string> { ["honk.json"] = """{ "validators": { "cmake": { "runTests": true } } }""" }, "settings", TestContext.Current.CancellationToken);
        repo.WriteFile("honk.json", """{ "validators": { "cmake": { "runTests": false }, "npm": { "skipScripts": ["test"] } } }""");

        var (settings, failure) = await RepositorySettings.LoadForValidationAsync(
            new FolderWorkspace(repo.Path) { Base = baseCommit }.Context(null), "cmake", TestContext.Current.CancellationToken);

        Assert.Null(failure);
        Assert.True(settings!.Validators.CMake!.RunTests);
        Assert.Null(settings.Validators.Npm);
    }

    [Fact]
    public async Task LoadForValidation_HonkJsonAddedInTheWorkspace_IsIgnored()
    {
        await using var repo = await TemporaryGitRepository.CreateAsync(cancellationToken: TestContext.Current.CancellationToken);
        var baseCommit = await repo.CommitFilesAsync(new Dictionary<string, string> { ["README.md"] = "calc\n" }, "readme", TestContext.Current.CancellationToken);
        repo.WriteFile("honk.json", """{ "validators": { "npm": { "scripts": ["build"] } } }""");

        var (settings, _) = await RepositorySettings.LoadForValidationAsync(
            new FolderWorkspace(repo.Path) { Base = baseCommit }.Context(null), "npm", TestContext.Current.CancellationToken);

        Assert.Same(RepositorySettings.None, settings);
    }

    [Fact]
    public async Task LoadForValidation_BaseCommitUnknownToGit_FailsSayingSo()
    {
        await using var repo = await TemporaryGitRepository.CreateAsync(cancellationToken: TestContext.Current.CancellationToken);

        var (settings, failure) = await RepositorySettings.LoadForValidationAsync(
            new FolderWorkspace(repo.Path) { Base = new string('a', 40) }.Context(null), "npm", TestContext.Current.CancellationToken);

        Assert.Null(settings);
        Assert.Contains("could not be read from the base commit", failure!.Result!.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadForValidation_NoBaseCommit_ReadsTheWorkspacesFile()
    {
        using var directory = new TemporaryDirectory("honk-settings");
        directory.WriteFile("honk.json", """{ "validators": { "dotnet": { "solution": "A.sln" } } }""");

        var (settings, _) = await RepositorySettings.LoadForValidationAsync(new FolderWorkspace(directory.Path).Context(null), "dotnet", TestContext.Current.CancellationToken);

        Assert.Equal("A.sln", settings!.Validators.Dotnet!.Solution);
    }
}
