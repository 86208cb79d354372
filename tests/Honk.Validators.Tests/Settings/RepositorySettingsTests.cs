using Honk.Testing;

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
    public void TryLoad_BrokenFile_FailedPlanSaysWhichValidator()
    {
        using var directory = new TemporaryDirectory("honk-settings");
        directory.WriteFile("honk.json", """{ "validators": { "cmake": 3 } }""");

        Assert.Null(RepositorySettings.TryLoad(directory.Path, "cmake", out var failure));

        Assert.StartsWith("cmake: The repository's honk.json is not valid", failure!.Result!.Summary, StringComparison.Ordinal);
    }
}
