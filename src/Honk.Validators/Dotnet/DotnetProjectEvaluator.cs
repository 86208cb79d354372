using System.Collections.Concurrent;
using System.Security;
using System.Text;
using Honk.Validators.Toolchains;

namespace Honk.Validators;

/// <summary>
/// Tells test projects apart from what MSBuild evaluates, not from one file's XML: <c>IsTestProject</c>, the
/// <c>TestContainer</c> capability and the evaluated <c>PackageReference</c> items, so test packages added by a
/// <c>Directory.Build.props</c>/<c>.targets</c> (a very common layout) count. All projects are evaluated by one
/// <c>dotnet msbuild</c> call in the sandbox (a traversal project in <c>.honk/</c> asks each project for a small
/// target injected through <c>CustomAfterMicrosoftCommon(CrossTargeting)Targets</c>), and the answer is cached until a
/// project or build file changes.
/// </summary>
internal sealed class DotnetProjectEvaluator
{
    private const int MaxCachedAnswers = 64;
    private static readonly string[] BuildFileExtensions = [".csproj", ".fsproj", ".vbproj", ".props", ".targets", ".slnx", ".sln", ".slnf"];
    private static readonly string[] TestPackages = ["Microsoft.NET.Test.Sdk", "xunit", "xunit.v3", "NUnit", "MSTest", "MSTest.TestFramework", "TUnit", "TUnit.Engine", "Microsoft.Testing.Platform.MSBuild"];
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, bool>> _cache = new(StringComparer.Ordinal);
    private int _evaluations;

    /// <summary>How many times MSBuild was asked (the rest came from the cache); for tests and diagnostics.</summary>
    public int Evaluations => _evaluations;

    /// <summary>
    /// Evaluates the projects and returns, per project, whether it is a test project; <see langword="null"/> when the
    /// evaluation could not run (the caller falls back to reading the project files).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, bool>?> FindTestProjectsAsync(
        ValidationContext context, RepositoryFacts facts, IReadOnlyList<string> projects, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        if (projects.Count == 0 || context.CommandRunner is not { } runner)
        {
            return null;
        }

        var key = Fingerprint(facts, projects);
        if (_cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var folder = ToolchainValidator.ScratchPath(facts.RootPath, "dotnet-evaluate");
        Directory.CreateDirectory(folder);
        var answers = Path.Combine(folder, "projects.txt");
        File.Delete(answers);

        // A FIFO left in their place by an earlier evaluation (the repository's MSBuild code runs) would block the write.
        HostWrites.WriteFile(folder, "describe.targets", DescribeTargets);
        HostWrites.WriteFile(folder, "describe.proj", TraversalProject(projects));

        Interlocked.Increment(ref _evaluations);
        var request = new CommandRequest("dotnet", ["msbuild", Path.Combine(folder, "describe.proj"), "-nologo", "-v:q", "-tl:off", "-nodeReuse:false", "-restore:false"])
        {
            Environment = environment,
            Timeout = TimeSpan.FromMinutes(3),
        };
        try
        {
            await runner.RunAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            return null;
        }

        var result = Read(answers);
        if (result is null)
        {
            return null;
        }

        if (_cache.Count >= MaxCachedAnswers)
        {
            _cache.Clear();
        }

        _cache[key] = result;
        return result;
    }

    /// <summary>Whether an evaluated package list marks a test project.</summary>
    internal static bool HasTestPackage(IEnumerable<string> packages) => packages.Any(p => TestPackages.Contains(p.Trim(), StringComparer.OrdinalIgnoreCase));

    private const int MaxAnswerBytes = 16 * 1024 * 1024;

    private static Dictionary<string, bool>? Read(string answers)
    {
        string[] lines;
        try
        {
            // Written in the sandbox by the repository's MSBuild evaluation: a FIFO or a link to /dev/zero in its place
            // would never end the read on the host (ADR 0039).
            if (HostWrites.ReadOwnFile(answers, MaxAnswerBytes) is not { } text)
            {
                return null;
            }

            lines = text.ReplaceLineEndings("\n").Split('\n');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var result = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var parts = line.Split('|');
            if (parts.Length < 4 || parts[0].Length == 0)
            {
                continue;
            }

            // An explicit IsTestProject=false wins: shared test helpers reference test packages too.
            var declared = parts[1].Trim();
            result[parts[0]] = !string.Equals(declared, "false", StringComparison.OrdinalIgnoreCase) && (string.Equals(declared, "true", StringComparison.OrdinalIgnoreCase)
                || parts[2].Split(',').Any(c => string.Equals(c.Trim(), "TestContainer", StringComparison.Ordinal))
                || HasTestPackage(parts[3].Split(',')));
        }

        return result.Count == 0 ? null : result;
    }

    private static string Fingerprint(RepositoryFacts facts, IReadOnlyList<string> projects)
    {
        var text = new StringBuilder(facts.RootPath).Append('\n');
        // Honk's own scratch files (this evaluation's traversal project among them) are not the repository's build.
        foreach (var file in facts.Files.Where(f => !f.StartsWith(ToolchainValidator.ScratchFolder + "/", StringComparison.Ordinal)
                     && (BuildFileExtensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase)) || f.EndsWith("global.json", StringComparison.Ordinal))))
        {
            var info = new FileInfo(Path.Combine(facts.RootPath, file));
            text.Append(file).Append('|').Append(info.Exists ? info.Length : -1).Append('|').Append(info.Exists ? info.LastWriteTimeUtc.Ticks : 0).Append('\n');
        }

        text.AppendJoin('\n', projects);
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string TraversalProject(IReadOnlyList<string> projects)
    {
        var items = new StringBuilder();
        foreach (var project in projects)
        {
            var escaped = SecurityElement.Escape(project);
            items.Append("    <HonkProject Include=\"$(MSBuildThisFileDirectory)../../").Append(escaped).Append("\" AdditionalProperties=\"HonkProjectId=").Append(escaped).Append("\" />\n");
        }

        return $"""
            <Project>
              <!-- Written by Honk's dotnet validator: asks every project whether it is a test project. -->
              <ItemGroup>
            {items}  </ItemGroup>
              <Target Name="Describe">
                <MSBuild Projects="@(HonkProject)" Targets="HonkDescribe" ContinueOnError="true" SkipNonexistentTargets="true"
                         Properties="CustomAfterMicrosoftCommonTargets=$(MSBuildThisFileDirectory)describe.targets;CustomAfterMicrosoftCommonCrossTargetingTargets=$(MSBuildThisFileDirectory)describe.targets">
                  <Output TaskParameter="TargetOutputs" ItemName="HonkDescription" />
                </MSBuild>
                <WriteLinesToFile File="$(MSBuildThisFileDirectory)projects.txt" Lines="@(HonkDescription->'%(Identity)|%(IsTestProject)|%(Capabilities)|%(Packages)')" Overwrite="true" />
              </Target>
            </Project>
            """;
    }

    private const string DescribeTargets = """
        <Project>
          <!-- Written by Honk's dotnet validator; imported only into its own evaluation, never into a build. -->
          <Target Name="HonkDescribe" Returns="@(HonkDescription)">
            <PropertyGroup>
              <_HonkPackages>@(PackageReference, ',')</_HonkPackages>
              <_HonkCapabilities>@(ProjectCapability, ',')</_HonkCapabilities>
            </PropertyGroup>
            <ItemGroup>
              <HonkDescription Include="$(HonkProjectId)" IsTestProject="$(IsTestProject)" Capabilities="$(_HonkCapabilities)" Packages="$(_HonkPackages)" />
            </ItemGroup>
          </Target>
        </Project>
        """;
}
