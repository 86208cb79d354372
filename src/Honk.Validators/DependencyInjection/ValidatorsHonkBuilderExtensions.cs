using Honk.Validators;

namespace Honk;

/// <summary>Honk.Validators' registrations on <see cref="IHonkBuilder"/>.</summary>
public static class ValidatorsHonkBuilderExtensions
{
    /// <summary>
    /// Gives every session the repository-activated validators (dotnet, npm/yarn/pnpm, cmake/ctest, cargo, go, maven,
    /// gradle, pytest, make): those that apply to the repository run at the stop gate. Calling it again replaces the
    /// earlier options.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Adjusts the validators' options (e.g. whether restore steps may use the network).</param>
    /// <returns>The builder.</returns>
    public static IHonkBuilder AddBuiltInValidators(this IHonkBuilder builder, Action<BuiltInValidatorsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new BuiltInValidatorsOptions();
        configure?.Invoke(options);
        return builder.ReplaceSessionContributor(new BuiltInValidatorsContributor(options));
    }
}
