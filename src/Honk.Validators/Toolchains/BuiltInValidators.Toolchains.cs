using Honk.Validators.Toolchains;

namespace Honk.Validators;

/// <summary>Registers the toolchain validators.</summary>
public static partial class BuiltInValidators
{
    static partial void AddToolchainValidators(List<Validator> validators, BuiltInValidatorsOptions options)
    {
        var time = options.TimeProvider;
        Add(validators, options.CMake, o => new CMakeValidator(o, time));
        Add(validators, options.Make, o => new MakeValidator(o, time));
        Add(validators, options.Cargo, o => new CargoValidator(o, time));
        Add(validators, options.Go, o => new GoValidator(o, time));
        Add(validators, options.Maven, o => new MavenValidator(o, time));
        Add(validators, options.Gradle, o => new GradleValidator(o, time));
        Add(validators, options.Pytest, o => new PytestValidator(o, time));
    }

    private static void Add<TOptions>(List<Validator> validators, TOptions options, Func<TOptions, Validator> create)
        where TOptions : ValidatorOptions
    {
        if (options.Enabled)
        {
            validators.Add(create(options));
        }
    }
}
