namespace Honk.Validators.Toolchains;

/// <summary>Options of <see cref="CMakeValidator"/>.</summary>
public sealed class CMakeValidatorOptions : ValidatorOptions
{
    /// <summary>
    /// The build folder, relative to the project folder. Default: <c>.honk/cmake-build</c>, kept between rounds so
    /// rebuilds are incremental, and hidden from git.
    /// </summary>
    public string BuildDirectory { get; set; } = ToolchainValidator.ScratchFolder + "/cmake-build";

    /// <summary>Extra arguments for the configure step, e.g. <c>-DCMAKE_BUILD_TYPE=Debug</c>.</summary>
    public IList<string> ConfigureArguments { get; } = [];

    /// <summary>Whether <c>ctest</c> runs after a successful build. Default: true.</summary>
    public bool RunTests { get; set; } = true;

    /// <summary>How many build jobs and tests run at once. Default: the number of processors.</summary>
    public int Parallelism { get; set; } = System.Environment.ProcessorCount;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        ArgumentException.ThrowIfNullOrWhiteSpace(BuildDirectory, nameof(BuildDirectory));
        if (Path.IsPathRooted(BuildDirectory) || BuildDirectory.Split('/', '\\').Contains(".."))
        {
            throw new ArgumentOutOfRangeException(nameof(BuildDirectory), BuildDirectory, "The build folder must be a relative path inside the project.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(Parallelism, 1, nameof(Parallelism));
    }
}
