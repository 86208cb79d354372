namespace Honk.Validators;

/// <summary>What one .NET validation builds and tests: the whole solution, or the projects the change touches.</summary>
/// <param name="BuildTargets">Solutions or projects to build, in order.</param>
/// <param name="TestTargets">Solutions or projects to test.</param>
/// <param name="Projects">Every project the targets build (their restore must be present).</param>
/// <param name="TestProjects">The test projects among <paramref name="Projects"/>.</param>
internal sealed record DotnetScope(IReadOnlyList<string> BuildTargets, IReadOnlyList<string> TestTargets, IReadOnlyList<string> Projects, IReadOnlyList<string> TestProjects)
{
    private static readonly string[] BuildRelevantExtensions =
        [".props", ".targets", ".sln", ".slnx", ".slnf", ".json", ".editorconfig", ".globalconfig", ".config", ".ruleset", ".cs", ".fs", ".vb", ".resx"];

    /// <summary>The projects that count: the solution's when there is one, else every project in the tree.</summary>
    public static IReadOnlyList<string> CountedProjects(DotnetProjectGraph graph, DotnetSolution? solution)
        => solution is { Projects.Count: > 0 } ? solution.Projects : graph.Projects;

    public static DotnetScope For(RepositoryFacts facts, DotnetValidatorOptions options, DotnetProjectGraph graph, DotnetSolution? solution)
    {
        var counted = CountedProjects(graph, solution).ToHashSet(StringComparer.Ordinal);
        if (options.ScopeToChangedProjects && facts.ChangedFiles.Count > 0)
        {
            var owners = facts.ProjectsOwningChanges(DotnetProjectGraph.IsProjectFile, out var unowned);
            var relevant = unowned.Where(f => BuildRelevantExtensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase))).ToList();

            // Projects the solution leaves out (samples, benchmarks) are not what the repository's CI checks: they are
            // dropped, and a change only there validates the solution, like a change outside every project.
            var counting = owners.Where(counted.Contains).ToList();
            if (counting.Count > 0 && relevant.Count == 0)
            {
                var affected = graph.WithDependents(counting).Where(counted.Contains).ToHashSet(StringComparer.Ordinal);
                var roots = graph.Roots(affected);
                if (roots.Count <= options.MaxScopedProjects || solution is null)
                {
                    var tests = affected.Where(graph.IsTestProject).Order(StringComparer.Ordinal).ToList();
                    return new DotnetScope(roots, tests, [.. affected.Order(StringComparer.Ordinal)], tests);
                }
            }
        }

        var testProjects = counted.Where(graph.IsTestProject).Order(StringComparer.Ordinal).ToList();
        if (solution is not null)
        {
            return new DotnetScope([solution.Path], testProjects.Count > 0 ? [solution.Path] : [], [.. counted.Order(StringComparer.Ordinal)], testProjects);
        }

        return new DotnetScope(graph.Roots(counted), testProjects, graph.Projects, testProjects);
    }
}
