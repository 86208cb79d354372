using Honk.Validators.Toolchains;

namespace Honk.Validators;

/// <summary>The toolchain validators' options.</summary>
public sealed partial class BuiltInValidatorsOptions
{
    /// <summary>The cmake/ctest validator's options.</summary>
    public CMakeValidatorOptions CMake { get; } = new();

    /// <summary>The make validator's options.</summary>
    public ValidatorOptions Make { get; } = new();

    /// <summary>The cargo validator's options.</summary>
    public ValidatorOptions Cargo { get; } = new();

    /// <summary>The go validator's options.</summary>
    public ValidatorOptions Go { get; } = new();

    /// <summary>The maven validator's options.</summary>
    public ValidatorOptions Maven { get; } = new();

    /// <summary>The gradle validator's options.</summary>
    public ValidatorOptions Gradle { get; } = new();

    /// <summary>The pytest validator's options.</summary>
    public ValidatorOptions Pytest { get; } = new();
}
