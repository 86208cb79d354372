namespace Honk.Validators.Toolchains;

/// <summary>
/// How the cmake validator configures one project, in the order a repository's own CI would: the configure preset of
/// <c>CMakePresets.json</c> (named in the repository's <c>honk.json</c>, else chosen by <see cref="CMakePresets"/>), plus
/// the <c>configureArgs</c> of <c>honk.json</c>; without either, the project's own test switches turned on
/// (<see cref="CMakeTestSwitches"/>). The build folder is always Honk's own (<c>-B</c> wins over a preset's
/// <c>binaryDir</c>), so nothing is written into the repository's tree.
/// </summary>
/// <param name="Arguments">The configure arguments after <c>-S . -B &lt;build&gt;</c>.</param>
/// <param name="BuildConfiguration">The configuration to build and test (multi-config generators), when a preset names one.</param>
/// <param name="TestArguments">Extra ctest arguments (the test preset's configuration and filters).</param>
/// <param name="Tests">What the project's CMake files say about tests.</param>
/// <param name="Preset">The configure preset used, if any.</param>
internal sealed record CMakeConfiguration(IReadOnlyList<string> Arguments, string? BuildConfiguration, IReadOnlyList<string> TestArguments, CMakeTestSwitches Tests, string? Preset)
{
    public static CMakeConfiguration For(ToolchainProject project, CMakeValidatorOptions options)
    {
        var settings = project.Settings.Validators.CMake;
        var tests = CMakeTestSwitches.Read(project.Facts, project.Folder);
        var presets = CMakePresets.Read(Path.Combine(project.Facts.RootPath, project.Folder), settings?.Preset);
        var arguments = new List<string>();
        var testArguments = new List<string>();
        if (presets is not null)
        {
            arguments.AddRange(["--preset", presets.ConfigurePreset]);
            if (presets.BuildConfiguration is { } configuration)
            {
                testArguments.AddRange(["-C", configuration]);
            }

            if (presets.TestInclude is { } include)
            {
                testArguments.AddRange(["-R", include]);
            }

            if (presets.TestExclude is { } exclude)
            {
                testArguments.AddRange(["-E", exclude]);
            }
        }

        arguments.AddRange(options.ConfigureArguments);
        var configured = settings?.ConfigureArgs ?? [];
        arguments.AddRange(configured);

        // The repository said how to configure (a preset or honk.json): its word stands. Otherwise turn its tests on.
        if (presets is null && configured.Count == 0)
        {
            arguments.AddRange(tests.Switches
                .Where(s => !options.ConfigureArguments.Any(a => a.StartsWith("-D" + s + "=", StringComparison.Ordinal) || a.StartsWith("-D" + s + ":", StringComparison.Ordinal)))
                .Select(s => $"-D{s}=ON"));
        }

        return new CMakeConfiguration(arguments, presets?.BuildConfiguration, testArguments, tests, presets?.ConfigurePreset);
    }

    /// <summary>What was looked for, for the "no tests ran" message.</summary>
    /// <returns>Two lines.</returns>
    public string Describe()
    {
        var how = Preset is not null ? $"Configured with the preset '{Preset}'" : "Configured";
        var arguments = Arguments.Where(a => a != "--preset" && a != Preset).ToList();
        how += arguments.Count > 0 ? $" and {string.Join(' ', arguments)}." : " without arguments.";
        var looked = Tests.Switches.Count > 0
            ? $"\nTest switches found in the top-level CMake files: {string.Join(", ", Tests.Switches)}."
            : "\nNo test switch (option(... TEST ...), BUILD_TESTING, include(CTest)) was found in the top-level CMake files.";
        return how + looked;
    }
}
