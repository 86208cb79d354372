using System.Text.RegularExpressions;

namespace Honk.Validators;

/// <summary>What one .NET validation builds and tests: the whole solution, or the projects the change touches.</summary>
/// <param name="BuildTargets">Solutions or projects to build, in order.</param>
/// <param name="TestTargets">Solutions or projects to test.</param>
/// <param name="Projects">Every project the targets build (their restore must be present).</param>
internal sealed partial record DotnetScope(IReadOnlyList<string> BuildTargets, IReadOnlyList<string> TestTargets, IReadOnlyList<string> Projects)
{
    private static readonly string[] BuildRelevantExtensions =
        [".props", ".targets", ".sln", ".slnx", ".json", ".editorconfig", ".globalconfig", ".config", ".ruleset", ".cs", ".fs", ".vb", ".resx"];

    public static DotnetScope For(RepositoryFacts facts, DotnetValidatorOptions options)
    {
        var graph = DotnetProjectGraph.Load(facts);
        var solution = facts.Files.Where(DotnetProjectGraph.IsSolutionFile)
            .OrderBy(f => f.Count(c => c == '/')).ThenBy(f => f.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase) ? 1 : 0).ThenBy(f => f, StringComparer.Ordinal)
            .FirstOrDefault();
        if (options.ScopeToChangedProjects && facts.ChangedFiles.Count > 0)
        {
            var owners = facts.ProjectsOwningChanges(DotnetProjectGraph.IsProjectFile, out var unowned);
            var relevant = unowned.Where(f => BuildRelevantExtensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase))).ToList();
            if (owners.Count > 0 && relevant.Count == 0)
            {
                var affected = graph.WithDependents(owners);
                var roots = graph.Roots(affected);
                if (roots.Count <= options.MaxScopedProjects || solution is null)
                {
                    return new DotnetScope(roots, [.. affected.Where(graph.IsTestProject).Order(StringComparer.Ordinal)], [.. affected.Order(StringComparer.Ordinal)]);
                }
            }
        }

        if (solution is not null)
        {
            var inSolution = SolutionProjects(facts, solution);
            var projects = inSolution.Count > 0 ? inSolution : graph.Projects;
            return new DotnetScope([solution], projects.Any(graph.IsTestProject) ? [solution] : [], projects);
        }

        var all = new HashSet<string>(graph.Projects, StringComparer.Ordinal);
        return new DotnetScope(graph.Roots(all), [.. graph.Projects.Where(graph.IsTestProject)], graph.Projects);
    }

    private static List<string> SolutionProjects(RepositoryFacts facts, string solution)
    {
        string text;
        try
        {
            text = File.ReadAllText(Path.Combine(facts.RootPath, solution));
        }
        catch (IOException)
        {
            return [];
        }

        var folder = Path.GetDirectoryName(solution) ?? "";
        return [.. ProjectPath().Matches(text)
            .Select(m => Path.GetRelativePath(facts.RootPath, Path.GetFullPath(Path.Combine(facts.RootPath, folder, m.Groups["path"].Value.Replace('\\', '/')))).Replace('\\', '/'))
            .Where(facts.HasFile)
            .Distinct(StringComparer.Ordinal)];
    }

    [GeneratedRegex(@"""(?<path>[^""]+\.(cs|fs|vb)proj)""", RegexOptions.IgnoreCase)]
    private static partial Regex ProjectPath();
}
