namespace Honk.Prompting;

/// <summary>A build system found in the repository, and the validator that checks it.</summary>
/// <param name="Name">The build system, such as <c>.NET</c>, <c>npm</c> or <c>Cargo</c>.</param>
/// <param name="Marker">The file that revealed it, relative to the repository root (for example <c>web/package.json</c>).</param>
/// <param name="Validator">The name of the validator that activates on it (<c>dotnet</c>, <c>npm</c>, <c>cargo</c>…).</param>
public sealed record BuildSystem(string Name, string Marker, string Validator);
