using System.Globalization;
using System.Text.RegularExpressions;

namespace Honk.Review;

/// <summary>Rules on the checks around the tests: solutions, CI definitions, test scripts, lint, build warnings, coverage.</summary>
internal static class ConfigRules
{
    public static void Inspect(IReadOnlyList<FileDiff> files, List<GuardViolation> violations)
    {
        foreach (var file in files)
        {
            if (file.IsBinary || PathKinds.IsDocument(file.Path))
            {
                continue;
            }

            var path = file.Path;
            var name = PathKinds.FileName(path);
            if (path.EndsWith(".sln", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase))
            {
                CheckSolution(file, violations);
            }

            if (PathKinds.IsCiConfig(path) || (file.OldPath is { } old && PathKinds.IsCiConfig(old)))
            {
                CheckCi(file, violations);
            }
            else
            {
                Added(file, violations, "checks-relaxed", ConfigPatterns.PassWithNoTests(),
                    "the test run was told to pass without tests ({0}). Remove that option.");
            }

            if (name == "package.json")
            {
                CheckPackageScripts(file, violations);
            }

            if (PathKinds.IsEslintConfig(path) || name == "package.json")
            {
                Added(file, violations, "lint-relaxed", ConfigPatterns.EslintRuleOff(),
                    "a lint rule was turned off or down to a warning ({0}). Restore it and fix the code it flags.");
            }

            Added(file, violations, "lint-relaxed", ConfigPatterns.FileWideLintDisable(),
                "lint or type checking was disabled for the whole file ({0}). Remove it and fix what the checker reports.");

            if (PathKinds.IsAnalyzerConfig(path))
            {
                Added(file, violations, "lint-relaxed", ConfigPatterns.AnalyzerSeverityLowered(),
                    "an analyzer's severity was lowered ({0}). Restore it and fix the code it flags.");
            }

            if (PathKinds.IsMsBuildFile(path))
            {
                CheckMsBuild(file, violations);
            }

            if (PathKinds.IsTsConfig(path))
            {
                Added(file, violations, "lint-relaxed", ConfigPatterns.TsConfigRelaxing(),
                    "a TypeScript strictness option was turned off ({0}). Restore it and fix the type errors instead.");
                Removed(file, violations, "lint-relaxed", ConfigPatterns.TsConfigStrict(), "\"strict\"",
                    "TypeScript's strict mode was removed ({0}). Restore it and fix the type errors instead.");
            }

            if (PathKinds.IsPythonLintConfig(path))
            {
                Added(file, violations, "lint-relaxed", ConfigPatterns.PythonLintIgnore(),
                    "lint checks were ignored or disabled ({0}). Restore them and fix the code they flag.");
            }

            if (PathKinds.IsConfigFile(path))
            {
                CheckCoverage(file, violations);
            }
        }
    }

    private static void CheckSolution(FileDiff file, List<GuardViolation> violations)
    {
        var regex = file.Path.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase) ? ConfigPatterns.SlnxProject() : ConfigPatterns.SlnProject();
        var kept = file.ChangedLines.Where(l => l.Kind == DiffLineKind.Added)
            .Select(l => regex.Match(l.Text))
            .Where(m => m.Success)
            .Select(m => m.Groups["path"].Value.Replace('\\', '/'))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var line in file.ChangedLines.Where(l => l.Kind == DiffLineKind.Removed))
        {
            var match = regex.Match(line.Text);
            if (!match.Success)
            {
                continue;
            }

            var projectPath = match.Groups["path"].Value.Replace('\\', '/');
            var projectName = match.Groups["name"].Success ? match.Groups["name"].Value : Path.GetFileNameWithoutExtension(projectPath);
            var isTest = PathKinds.IsTestPath(projectPath) || ConfigPatterns.TestProjectName().IsMatch(projectName)
                || ConfigPatterns.TestProjectName().IsMatch(Path.GetFileNameWithoutExtension(projectPath));
            if (isTest && !kept.Contains(projectPath))
            {
                violations.Add(new("test-project-dropped", file.Path, line.OldLine,
                    $"the test project {projectPath} was removed from the solution. Add it back so its tests keep running."));
            }
        }
    }

    private static void CheckCi(FileDiff file, List<GuardViolation> violations)
    {
        if (file.Kind == FileChangeKind.Deleted)
        {
            violations.Add(new("ci-relaxed", file.Path, null, "the CI definition was deleted. Restore it."));
            return;
        }

        Added(file, violations, "ci-relaxed", ConfigPatterns.CiRelaxing(),
            "a CI step was made unable to fail or was skipped ({0}). Undo that change.");
        // A check whose words come back on an added line was edited, not removed; an edit that disarms it is caught above.
        var addedWords = file.ChangedLines.Where(l => l.Kind == DiffLineKind.Added)
            .SelectMany(l => ConfigPatterns.CiCheck().Matches(l.Text).Select(m => m.Value))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var line in file.ChangedLines.Where(l => l.Kind == DiffLineKind.Removed))
        {
            var words = ConfigPatterns.CiCheck().Matches(line.Text).Select(m => m.Value).ToList();
            if (words.Count > 0 && !ConfigPatterns.CiNonCommand().IsMatch(line.Text) && !words.All(addedWords.Contains))
            {
                violations.Add(new("ci-relaxed", file.Path, line.OldLine,
                    $"a CI check was removed or changed (`{TestCodeRules.Snippet(line.Text)}`, line {line.OldLine} of the original). Restore it."));
            }
        }
    }

    private static void CheckPackageScripts(FileDiff file, List<GuardViolation> violations)
    {
        var addedScripts = new Dictionary<string, DiffLine>(StringComparer.Ordinal);
        foreach (var line in file.ChangedLines.Where(l => l.Kind == DiffLineKind.Added))
        {
            if (ConfigPatterns.PackageScript().Match(line.Text) is { Success: true } match)
            {
                addedScripts[match.Groups["key"].Value] = line;
                if (ConfigPatterns.EmptyScript().IsMatch(match.Groups["value"].Value))
                {
                    violations.Add(new("checks-relaxed", file.Path, line.NewLine,
                        $"the \"{match.Groups["key"].Value}\" script no longer checks anything (`{TestCodeRules.Snippet(line.Text)}`). Restore the real command."));
                }
            }
        }

        foreach (var line in file.ChangedLines.Where(l => l.Kind == DiffLineKind.Removed))
        {
            if (ConfigPatterns.PackageScript().Match(line.Text) is { Success: true } match && !addedScripts.ContainsKey(match.Groups["key"].Value))
            {
                violations.Add(new("checks-relaxed", file.Path, line.OldLine,
                    $"the \"{match.Groups["key"].Value}\" script was removed (line {line.OldLine} of the original). Restore it."));
            }
        }
    }

    private static void CheckMsBuild(FileDiff file, List<GuardViolation> violations)
    {
        Added(file, violations, "lint-relaxed", ConfigPatterns.MsBuildRelaxing(),
            "a build check was turned off ({0}). Restore it and fix the warnings or errors it reports.");
        Removed(file, violations, "lint-relaxed", ConfigPatterns.MsBuildStrict(), "WarningsAsErrors>",
            "warnings no longer fail the build ({0} was removed). Restore it and fix the warnings instead.");
        var before = Codes(file, DiffLineKind.Removed);
        foreach (var line in file.ChangedLines.Where(l => l.Kind == DiffLineKind.Added))
        {
            if (ConfigPatterns.NoWarn().Match(line.Text) is { Success: true } match)
            {
                var added = SplitCodes(match.Groups["codes"].Value).Where(c => !before.Contains(c)).ToList();
                if (added.Count > 0)
                {
                    violations.Add(new("lint-relaxed", file.Path, line.NewLine,
                        $"warnings were suppressed with <NoWarn> ({string.Join(", ", added)}). Remove the suppression and fix the code that warns."));
                }
            }
        }
    }

    private static HashSet<string> Codes(FileDiff file, DiffLineKind kind)
        => file.ChangedLines.Where(l => l.Kind == kind)
            .Select(l => ConfigPatterns.NoWarn().Match(l.Text))
            .Where(m => m.Success)
            .SelectMany(m => SplitCodes(m.Groups["codes"].Value))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static IEnumerable<string> SplitCodes(string codes)
        => codes.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(c => !c.StartsWith("$(", StringComparison.Ordinal));

    private static void CheckCoverage(FileDiff file, List<GuardViolation> violations)
    {
        foreach (var hunk in file.Hunks)
        {
            var coverageHunk = hunk.Lines.Any(l => ConfigPatterns.CoverageContext().IsMatch(l.Text));
            var before = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
            foreach (var (key, value, _) in Thresholds(hunk, DiffLineKind.Removed, coverageHunk))
            {
                before.TryAdd(key, value);
            }

            foreach (var (key, value, line) in Thresholds(hunk, DiffLineKind.Added, coverageHunk))
            {
                if (before.TryGetValue(key, out var old) && value < old)
                {
                    violations.Add(new("coverage-lowered", file.Path, line.NewLine,
                        $"a coverage threshold was lowered ({key}: {old.ToString(CultureInfo.InvariantCulture)} -> {value.ToString(CultureInfo.InvariantCulture)}). Restore it and add tests instead."));
                }
            }
        }
    }

    private static IEnumerable<(string Key, double Value, DiffLine Line)> Thresholds(DiffHunk hunk, DiffLineKind kind, bool coverageHunk)
    {
        foreach (var line in hunk.Lines.Where(l => l.Kind == kind))
        {
            foreach (Match match in ConfigPatterns.KeyNumber().Matches(line.Text))
            {
                var key = match.Groups["key"].Value;
                if (ConfigPatterns.CoverageKey().IsMatch(key) || (coverageHunk && ConfigPatterns.GenericCoverageKey().IsMatch(key)))
                {
                    yield return (key, double.Parse(match.Groups["num"].Value, CultureInfo.InvariantCulture), line);
                }
            }
        }
    }

    /// <summary>Reports added lines matching <paramref name="pattern"/> that were not already there (moved lines).</summary>
    private static void Added(FileDiff file, List<GuardViolation> violations, string rule, Regex pattern, string message)
    {
        var removed = file.ChangedLines.Where(l => l.Kind == DiffLineKind.Removed && pattern.IsMatch(l.Text)).Select(l => l.Text.Trim()).ToList();
        foreach (var line in file.ChangedLines.Where(l => l.Kind == DiffLineKind.Added && pattern.IsMatch(l.Text)))
        {
            if (!removed.Remove(line.Text.Trim()))
            {
                violations.Add(new(rule, file.Path, line.NewLine, string.Format(CultureInfo.InvariantCulture, message, $"`{TestCodeRules.Snippet(line.Text)}`")));
            }
        }
    }

    /// <summary>
    /// Reports removed lines matching <paramref name="pattern"/> unless an added line sets the same thing again
    /// (holds <paramref name="setting"/>): a changed value is judged by the rules on added lines.
    /// </summary>
    private static void Removed(FileDiff file, List<GuardViolation> violations, string rule, Regex pattern, string setting, string message)
    {
        var added = file.ChangedLines.Where(l => l.Kind == DiffLineKind.Added && l.Text.Contains(setting, StringComparison.Ordinal)).ToList();
        foreach (var line in file.ChangedLines.Where(l => l.Kind == DiffLineKind.Removed && pattern.IsMatch(l.Text)))
        {
            if (added.Count == 0)
            {
                violations.Add(new(rule, file.Path, line.OldLine, string.Format(CultureInfo.InvariantCulture, message, $"`{TestCodeRules.Snippet(line.Text)}`")));
            }
            else
            {
                added.RemoveAt(0);
            }
        }
    }
}
