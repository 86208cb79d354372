using System.Xml.Linq;

namespace Honk.Validators;

/// <summary>The repository's .NET projects, which reference which, and which are test projects.</summary>
internal sealed class DotnetProjectGraph
{
    private static readonly string[] TestPackages = ["Microsoft.NET.Test.Sdk", "xunit", "xunit.v3", "NUnit", "MSTest", "MSTest.TestFramework", "TUnit"];
    private readonly Dictionary<string, HashSet<string>> _references = new(StringComparer.Ordinal);
    private readonly HashSet<string> _tests = new(StringComparer.Ordinal);

    private DotnetProjectGraph(IReadOnlyList<string> projects) => Projects = projects;

    /// <summary>Every project file, relative and '/' separated.</summary>
    public IReadOnlyList<string> Projects { get; }

    public static bool IsProjectFile(string path)
        => path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)
           || path.EndsWith(".fsproj", StringComparison.OrdinalIgnoreCase)
           || path.EndsWith(".vbproj", StringComparison.OrdinalIgnoreCase);

    public static bool IsSolutionFile(string path)
        => path.EndsWith(".sln", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase)
           || path.EndsWith(".slnf", StringComparison.OrdinalIgnoreCase);

    public static DotnetProjectGraph Load(RepositoryFacts facts)
    {
        var graph = new DotnetProjectGraph([.. facts.Files.Where(IsProjectFile)]);
        foreach (var project in graph.Projects)
        {
            graph._references[project] = [];
            XDocument document;
            try
            {
                document = XDocument.Load(Path.Combine(facts.RootPath, project));
            }
            catch (Exception ex) when (ex is System.Xml.XmlException or IOException or UnauthorizedAccessException)
            {
                // A project the model broke is still a project; MSBuild will report what is wrong with it.
                continue;
            }

            var folder = Path.GetDirectoryName(project) ?? "";
            foreach (var element in document.Descendants().Where(e => e.Name.LocalName == "ProjectReference"))
            {
                if (element.Attribute("Include")?.Value is { Length: > 0 } include)
                {
                    var combined = Path.GetRelativePath(facts.RootPath, Path.GetFullPath(Path.Combine(facts.RootPath, folder, include.Replace('\\', '/'))));
                    graph._references[project].Add(combined.Replace('\\', '/'));
                }
            }

            var packages = document.Descendants().Where(e => e.Name.LocalName == "PackageReference").Select(e => e.Attribute("Include")?.Value);
            var isTest = document.Descendants().Any(e => e.Name.LocalName == "IsTestProject" && string.Equals(e.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase))
                || packages.Any(p => TestPackages.Contains(p, StringComparer.OrdinalIgnoreCase));
            if (isTest)
            {
                graph._tests.Add(project);
            }
        }

        return graph;
    }

    public bool IsTestProject(string project) => _tests.Contains(project);

    /// <summary>Whether the test projects came from MSBuild's evaluation rather than from the project files' XML.</summary>
    public bool TestsEvaluated { get; private set; }

    /// <summary>The test projects, sorted.</summary>
    public IReadOnlyList<string> TestProjects => [.. _tests.Order(StringComparer.Ordinal)];

    /// <summary>Replaces what the XML said by what MSBuild evaluated, for the projects it answered for.</summary>
    /// <param name="evaluated">Per project: whether it is a test project.</param>
    public void UseEvaluatedTests(IReadOnlyDictionary<string, bool> evaluated)
    {
        foreach (var (project, isTest) in evaluated)
        {
            if (isTest)
            {
                _tests.Add(project);
            }
            else
            {
                _tests.Remove(project);
            }
        }

        TestsEvaluated = true;
    }

    /// <summary>The given projects and every project that references them, directly or not.</summary>
    public IReadOnlySet<string> WithDependents(IEnumerable<string> projects)
    {
        var result = new HashSet<string>(projects, StringComparer.Ordinal);
        bool grew;
        do
        {
            grew = false;
            foreach (var (project, references) in _references)
            {
                if (!result.Contains(project) && references.Overlaps(result))
                {
                    grew = result.Add(project) || grew;
                }
            }
        }
        while (grew);
        return result;
    }

    /// <summary>The projects of the set that no other project of the set references: building them builds the set.</summary>
    public IReadOnlyList<string> Roots(IReadOnlySet<string> projects)
        => [.. projects.Where(p => !projects.Any(other => other != p && Reaches(other, p, []))).Order(StringComparer.Ordinal)];

    private bool Reaches(string from, string to, HashSet<string> seen)
    {
        if (!seen.Add(from) || !_references.TryGetValue(from, out var references))
        {
            return false;
        }

        return references.Contains(to) || references.Any(r => Reaches(r, to, seen));
    }
}
