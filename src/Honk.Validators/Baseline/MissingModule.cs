namespace Honk.Validators;

/// <summary>A module, package, crate or header a failure says the toolchain cannot find.</summary>
/// <param name="Ecosystem">Whose import it is, which decides how "the repository's own" is told apart.</param>
/// <param name="Name">Its name as the message writes it (<c>freezegun.api</c>, <c>@scope/pkg/sub</c>, <c>gtest/gtest.h</c>).</param>
internal sealed record MissingModule(ModuleEcosystem Ecosystem, string Name);
