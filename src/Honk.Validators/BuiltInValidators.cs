namespace Honk.Validators;

/// <summary>The registry of Honk's built-in validators.</summary>
/// <remarks>
/// Toolchain validators (cmake/ctest, make, cargo, go, maven, gradle, pytest) live in <c>Toolchains/</c> and join
/// the list by implementing the partial method <c>AddToolchainValidators</c> there.
/// </remarks>
public static partial class BuiltInValidators
{
    /// <summary>Creates every enabled built-in validator. Each one decides at run time whether it applies.</summary>
    /// <param name="options">The options; the defaults when <see langword="null"/>.</param>
    /// <returns>The validators, .NET first, then Node, then the other toolchains.</returns>
    public static IReadOnlyList<Validator> Create(BuiltInValidatorsOptions? options = null)
    {
        options ??= new BuiltInValidatorsOptions();
        var validators = new List<Validator>();
        if (options.Dotnet.Enabled)
        {
            validators.Add(new DotnetValidator(options.Dotnet, options.TimeProvider));
        }

        if (options.Node.Enabled)
        {
            validators.Add(new NodeValidator(options.Node, options.TimeProvider));
        }

        AddToolchainValidators(validators, options);
        return validators;
    }

    /// <summary>Adds the toolchain validators of <c>Toolchains/</c> (implemented there).</summary>
    /// <param name="validators">The list to add to.</param>
    /// <param name="options">The options.</param>
    static partial void AddToolchainValidators(List<Validator> validators, BuiltInValidatorsOptions options);
}
