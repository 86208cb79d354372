namespace Honk.Validators;

/// <summary>
/// Options of every built-in validator, one property per validator. The class is partial so the toolchain validators
/// of <c>Toolchains/</c> add their own properties beside their code.
/// </summary>
public sealed partial class BuiltInValidatorsOptions
{
    /// <summary>The .NET validator's options.</summary>
    public DotnetValidatorOptions Dotnet { get; } = new();

    /// <summary>The npm/yarn/pnpm validator's options.</summary>
    public NodeValidatorOptions Node { get; } = new();

    /// <summary>The clock for time limits; the system clock by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
