namespace Honk.Validators;

/// <summary>A repository's settings for the dotnet validator (<c>"validators": {"dotnet": {…}}</c>).</summary>
public sealed record DotnetSettings
{
    /// <summary>
    /// The solution (<c>.sln</c>, <c>.slnx</c>) or solution filter (<c>.slnf</c>) that decides which projects count,
    /// relative to the repository root — the one the repository's CI builds. Default: the validator picks one (see
    /// docs/validators.md).
    /// </summary>
    public string? Solution { get; init; }

    internal void Check()
    {
        if (Solution is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(Solution) || Path.IsPathRooted(Solution) || Solution.Replace('\\', '/').Split('/').Contains(".."))
        {
            throw new RepositorySettingsException($"\"validators.dotnet.solution\" in the repository's honk.json must be a path inside the repository, not '{Solution}'.");
        }

        if (!DotnetProjectGraph.IsSolutionFile(Solution))
        {
            throw new RepositorySettingsException($"\"validators.dotnet.solution\" in the repository's honk.json must name a .sln, .slnx or .slnf file, not '{Solution}'.");
        }
    }
}
