using System.Text.Json;

namespace Honk.Validators;

/// <summary>
/// Whether <c>dotnet test</c> runs in Microsoft.Testing.Platform mode: the repository's <c>global.json</c> says
/// <c>"test": { "runner": "Microsoft.Testing.Platform" }</c> (xunit.v3 4.x requires it). In that mode <c>dotnet test</c>
/// takes its target as <c>--project</c>/<c>--solution</c> and passes other options to the test applications, which refuse
/// VSTest's (<c>--logger trx</c>, <c>-nologo</c>, <c>-v</c>, <c>-tl</c>) and run nothing — a failure of Honk's command
/// line, the same on the base, that would otherwise read as the environment.
/// </summary>
internal static class TestingPlatformMode
{
    /// <summary>The runner name <c>global.json</c> gives for the mode.</summary>
    public const string RunnerName = "Microsoft.Testing.Platform";

    /// <summary>Whether the <c>global.json</c> at the repository's root selects the mode.</summary>
    /// <param name="root">The repository's root.</param>
    /// <returns>True in Microsoft.Testing.Platform mode; false without the file or when it cannot be read.</returns>
    public static bool IsOn(string root)
    {
        var path = Path.Combine(root, "global.json");
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("test", out var test) && test.ValueKind == JsonValueKind.Object
                && test.TryGetProperty("runner", out var runner) && runner.ValueKind == JsonValueKind.String
                && string.Equals(runner.GetString(), RunnerName, StringComparison.OrdinalIgnoreCase);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            // dotnet itself reports a broken global.json in the build step.
            return false;
        }
    }

    /// <summary>The <c>dotnet test</c> arguments for a target in this mode: TRX through the platform's own report.</summary>
    /// <param name="target">A project or solution (file or folder).</param>
    /// <param name="configuration">The configuration switch, if any.</param>
    /// <param name="resultsFolder">Where the TRX files go.</param>
    /// <returns>The arguments.</returns>
    public static List<string> TestArguments(string target, IEnumerable<string> configuration, string resultsFolder)
    {
        var option = Path.GetExtension(target) is ".sln" or ".slnx" or ".slnf" ? "--solution" : "--project";
        return ["test", option, target, "--no-build", "--no-restore", .. configuration, "--results-directory", resultsFolder, "--report-trx"];
    }

    /// <summary>The target of a <c>dotnet test</c> request, in either mode.</summary>
    /// <param name="arguments">The request's arguments.</param>
    /// <returns>The project or solution.</returns>
    public static string TargetOf(IReadOnlyList<string> arguments)
        => arguments.Count > 2 && arguments[1] is "--project" or "--solution" ? arguments[2] : arguments[1];
}
