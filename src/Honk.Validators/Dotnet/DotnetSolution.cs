using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Honk.Validators;

/// <summary>
/// The solution that decides which .NET projects count, chosen the way the repository's CI builds: the one named in
/// the repository's <c>honk.json</c>, else one its CI files name (GitHub workflows, Azure Pipelines, AppVeyor, build
/// scripts), else the shallowest <c>.sln</c>/<c>.slnx</c>. Projects outside it (samples, demos, benchmarks the
/// solution leaves out) are neither restored, built nor tested, as in the repository's CI.
/// </summary>
/// <param name="Path">The solution or solution filter, relative and '/' separated.</param>
/// <param name="Projects">The projects it builds (relative, existing), sorted.</param>
/// <param name="Reason">Why this one, for notes and messages.</param>
internal sealed partial record DotnetSolution(string Path, IReadOnlyList<string> Projects, string Reason)
{
    private static readonly string[] CiFilePrefixes = [".github/workflows/", ".azure-pipelines/", "eng/pipelines/", ".ci/", "build/", "eng/"];
    private static readonly string[] CiFileNames = ["azure-pipelines.yml", "azure-pipelines.yaml", "appveyor.yml", ".appveyor.yml", ".gitlab-ci.yml", ".travis.yml",
        "build.ps1", "build.sh", "build.cmd", "build.cake", "Makefile", "justfile", "Taskfile.yml"];

    /// <summary>Chooses the solution; <see langword="null"/> when the repository has none.</summary>
    /// <param name="facts">The repository's files.</param>
    /// <param name="configured">The solution named in the repository's <c>honk.json</c>, if any.</param>
    /// <returns>The solution, or <see langword="null"/>.</returns>
    /// <exception cref="RepositorySettingsException">The configured solution does not exist.</exception>
    public static DotnetSolution? Choose(RepositoryFacts facts, string? configured)
    {
        if (configured is not null)
        {
            var path = configured.Replace('\\', '/');
            path = path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path;
            return facts.HasFile(path)
                ? new DotnetSolution(path, ProjectsOf(facts, path), "honk.json")
                : throw new RepositorySettingsException($"\"validators.dotnet.solution\" in the repository's honk.json names '{configured}', which does not exist.");
        }

        var solutions = facts.Files.Where(DotnetProjectGraph.IsSolutionFile).ToHashSet(StringComparer.Ordinal);
        if (solutions.Count == 0)
        {
            return null;
        }

        if (NamedByCi(facts, solutions) is { } fromCi)
        {
            return new DotnetSolution(fromCi.Solution, ProjectsOf(facts, fromCi.Solution), $"named in {fromCi.File}");
        }

        var chosen = solutions.Where(s => !s.EndsWith(".slnf", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f.Count(c => c == '/')).ThenBy(f => f.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase) ? 1 : 0).ThenBy(f => f, StringComparer.Ordinal)
            .FirstOrDefault();
        return chosen is null ? null : new DotnetSolution(chosen, ProjectsOf(facts, chosen), "the shallowest solution");
    }

    /// <summary>The projects a <c>.sln</c>, <c>.slnx</c> or <c>.slnf</c> builds that exist in the repository.</summary>
    /// <param name="facts">The repository's files.</param>
    /// <param name="solution">The solution, relative.</param>
    /// <returns>The projects, relative and sorted; empty when the file cannot be read.</returns>
    public static IReadOnlyList<string> ProjectsOf(RepositoryFacts facts, string solution)
    {
        string text;
        try
        {
            text = File.ReadAllText(System.IO.Path.Combine(facts.RootPath, solution));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        var folder = System.IO.Path.GetDirectoryName(solution) ?? "";
        IEnumerable<string> listed;
        if (solution.EndsWith(".slnf", StringComparison.OrdinalIgnoreCase))
        {
            // A filter lists projects relative to the solution it filters, which is relative to the filter.
            (var inner, listed) = ReadFilter(text);
            folder = System.IO.Path.GetDirectoryName(Combine(folder, inner)) ?? "";
        }
        else if (solution.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase))
        {
            listed = ReadSlnx(text);
        }
        else
        {
            listed = SlnProject().Matches(text).Select(m => m.Groups["path"].Value);
        }

        return [.. listed.Select(p => Combine(folder, p)).Where(facts.HasFile).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    private static (string Solution, string File)? NamedByCi(RepositoryFacts facts, HashSet<string> solutions)
    {
        var ciFiles = facts.Files.Where(f => CiFileNames.Contains(f, StringComparer.Ordinal)
            || (CiFilePrefixes.Any(p => f.StartsWith(p, StringComparison.Ordinal)) && IsScript(f)));
        foreach (var file in ciFiles.Order(StringComparer.Ordinal))
        {
            string text;
            try
            {
                text = File.ReadAllText(System.IO.Path.Combine(facts.RootPath, file));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (Match match in SolutionMention().Matches(text))
            {
                var mention = match.Value.Replace('\\', '/').TrimStart('.', '/');
                var found = solutions.FirstOrDefault(s => string.Equals(s, mention, StringComparison.Ordinal))
                    ?? solutions.Where(s => s.EndsWith("/" + mention, StringComparison.Ordinal)).Order(StringComparer.Ordinal).FirstOrDefault();
                if (found is not null)
                {
                    return (found, file);
                }
            }
        }

        return null;
    }

    private static bool IsScript(string file)
        => file.EndsWith(".yml", StringComparison.Ordinal) || file.EndsWith(".yaml", StringComparison.Ordinal) || file.EndsWith(".ps1", StringComparison.Ordinal)
           || file.EndsWith(".sh", StringComparison.Ordinal) || file.EndsWith(".cmd", StringComparison.Ordinal) || file.EndsWith(".cake", StringComparison.Ordinal)
           || file.EndsWith(".proj", StringComparison.Ordinal) || file.EndsWith(".targets", StringComparison.Ordinal);

    private static (string Solution, IEnumerable<string> Projects) ReadFilter(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (document.RootElement.TryGetProperty("solution", out var solution) && solution.ValueKind == JsonValueKind.Object)
            {
                var path = solution.TryGetProperty("path", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() ?? "" : "";
                var projects = solution.TryGetProperty("projects", out var list) && list.ValueKind == JsonValueKind.Array
                    ? list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
                    : [];
                return (path, projects);
            }
        }
        catch (JsonException)
        {
            // A broken filter lists nothing; MSBuild reports what is wrong with it.
        }

        return ("", []);
    }

    private static IEnumerable<string> ReadSlnx(string text)
    {
        try
        {
            return [.. XDocument.Parse(text).Descendants().Where(e => e.Name.LocalName == "Project").Select(e => (string?)e.Attribute("Path")).OfType<string>()];
        }
        catch (XmlException)
        {
            return [];
        }
    }

    private static string Combine(string folder, string path)
    {
        var combined = System.IO.Path.Combine(folder, path.Replace('\\', '/'));
        var parts = new List<string>();
        foreach (var part in combined.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part != ".")
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }

    [GeneratedRegex(@"""(?<path>[^""]+\.(cs|fs|vb)proj)""", RegexOptions.IgnoreCase)]
    private static partial Regex SlnProject();

    [GeneratedRegex(@"[\w./\\-]+\.(slnx|slnf|sln)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SolutionMention();
}
