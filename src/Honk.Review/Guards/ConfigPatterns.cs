using System.Text.RegularExpressions;

namespace Honk.Review;

/// <summary>Line patterns of relaxed checks in solutions, CI definitions, lint and build settings.</summary>
internal static partial class ConfigPatterns
{
    [GeneratedRegex(@"^\s*Project\(""\{[^}]+\}""\)\s*=\s*""(?<name>[^""]+)""\s*,\s*""(?<path>[^""]+)""", RegexOptions.CultureInvariant)]
    public static partial Regex SlnProject();

    [GeneratedRegex(@"<Project\s+Path=""(?<path>[^""]+)""", RegexOptions.CultureInvariant)]
    public static partial Regex SlnxProject();

    [GeneratedRegex(@"(?i)(?:^|[._-])(?:unit|integration|functional|acceptance|e2e)?tests?$", RegexOptions.CultureInvariant)]
    public static partial Regex TestProjectName();

    /// <summary>CI settings that let a failing step pass or skip it.</summary>
    [GeneratedRegex(
        @"continue-on-error:\s*true|allow_failure:\s*true|\|\|\s*(?:true|exit\s+0|:)\s*[""']?\s*$|^\s*-?\s*if:\s*(?:false|\$\{\{\s*false\s*\}\})\s*$"
        + @"|--passWithNoTests|--pass-with-no-tests|--no-verify|-DskipTests|-Dmaven\.test\.skip|-x\s+test\b|--exclude-task\s+test\b",
        RegexOptions.CultureInvariant)]
    public static partial Regex CiRelaxing();

    /// <summary>A CI line that runs a check.</summary>
    [GeneratedRegex(@"\b(?:test|tests|lint|ctest|pytest|tox|vet|clippy|jest|vitest|mocha|eslint|tsc|check|verify|coverage|fmt|format)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    public static partial Regex CiCheck();

    [GeneratedRegex(@"^\s*(?:-\s*)?(?:name|id|description)\s*:|^\s*#", RegexOptions.CultureInvariant)]
    public static partial Regex CiNonCommand();

    [GeneratedRegex(@"--passWithNoTests|--pass-with-no-tests", RegexOptions.CultureInvariant)]
    public static partial Regex PassWithNoTests();

    [GeneratedRegex(@"^\s*""(?<key>(?:test|lint|typecheck|check|verify)(?:[:\w-]*))""\s*:\s*""(?<value>(?:[^""\\]|\\.)*)""", RegexOptions.CultureInvariant)]
    public static partial Regex PackageScript();

    [GeneratedRegex(@"^\s*(?:echo\b.*|exit\s+0|true|:)?\s*$|\|\|\s*(?:true|exit\s+0)", RegexOptions.CultureInvariant)]
    public static partial Regex EmptyScript();

    [GeneratedRegex(@"[""']?(?<rule>[@\w/.-]+)[""']?\s*:\s*\[?\s*(?:[""'](?:off|warn)[""']|[01])\s*(?:[,\]}]|$)", RegexOptions.CultureInvariant)]
    public static partial Regex EslintRuleOff();

    [GeneratedRegex(@"^\s*/\*\s*eslint-disable\s*\*/|^\s*//\s*eslint-disable\s*$|^\s*//\s*@ts-nocheck\b", RegexOptions.CultureInvariant)]
    public static partial Regex FileWideLintDisable();

    [GeneratedRegex(@"(?:dotnet_diagnostic\.[\w.-]+\.severity|dotnet_analyzer_diagnostic\.[\w.=-]*severity)\s*=\s*(?:none|silent|suggestion)\b|=\s*\w+\s*:\s*(?:none|silent)\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    public static partial Regex AnalyzerSeverityLowered();

    [GeneratedRegex(
        @"<(?:TreatWarningsAsErrors|CodeAnalysisTreatWarningsAsErrors|MSBuildTreatWarningsAsErrors|EnableNETAnalyzers|RunAnalyzers|RunAnalyzersDuringBuild|EnforceCodeStyleInBuild)>\s*false\s*<"
        + @"|<Nullable>\s*disable\s*<|<AnalysisLevel>\s*none\s*<|<AnalysisMode>\s*None\s*<|<WarningLevel>\s*0\s*<",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    public static partial Regex MsBuildRelaxing();

    [GeneratedRegex(@"<TreatWarningsAsErrors>\s*true\s*<|<WarningsAsErrors>", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    public static partial Regex MsBuildStrict();

    [GeneratedRegex(@"<NoWarn>(?<codes>[^<]*)</NoWarn>", RegexOptions.CultureInvariant)]
    public static partial Regex NoWarn();

    [GeneratedRegex(@"""(?:strict|noImplicitAny|strictNullChecks|noUnusedLocals|noUnusedParameters|noImplicitReturns|noFallthroughCasesInSwitch)""\s*:\s*false", RegexOptions.CultureInvariant)]
    public static partial Regex TsConfigRelaxing();

    [GeneratedRegex(@"""strict""\s*:\s*true", RegexOptions.CultureInvariant)]
    public static partial Regex TsConfigStrict();

    [GeneratedRegex(@"^\s*(?:extend[-_])?(?:ignore|disable|per-file-ignores)\s*=|^\s*disable\s*=", RegexOptions.CultureInvariant)]
    public static partial Regex PythonLintIgnore();

    /// <summary>A key with a number: <c>"branches": 80</c>, <c>fail_under = 90</c>, <c>--cov-fail-under=85</c>, <c>&lt;Threshold&gt;80</c>.</summary>
    [GeneratedRegex(@"(?<key>[A-Za-z][\w-]*)[""']?\s*(?:[:=>]|\s)\s*[""']?(?<num>\d+(?:\.\d+)?)\b", RegexOptions.CultureInvariant)]
    public static partial Regex KeyNumber();

    [GeneratedRegex(@"fail[-_]?under|min(?:imum)?[-_]?coverage|coverage[-_]?(?:threshold|minimum)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    public static partial Regex CoverageKey();

    [GeneratedRegex(@"^(?:threshold|branches|lines|functions|statements|line|branch|method)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    public static partial Regex GenericCoverageKey();

    [GeneratedRegex(@"cov|threshold", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    public static partial Regex CoverageContext();
}
