using System.Text.RegularExpressions;

namespace Honk.Validators.Toolchains;

/// <summary>
/// Reads Maven output (with or without <c>-q</c>): compiler errors (<c>[ERROR] /src/X.java:[12,5] message</c> with
/// its <c>symbol:</c> lines, printed twice by Maven and reported once), Surefire's failing tests with their assertion
/// (<c>expected: &lt;8&gt; but was: &lt;9&gt;</c>) and the test's own frame, the closing <c>Failures:</c>/<c>Errors:</c>
/// (or <c>Failed tests:</c>/<c>Tests in error:</c>) lists, and artifacts that could not be resolved offline.
/// </summary>
public sealed partial class MavenOutputParser : OutputParser
{
    private const int MaxMessageLines = 4;

    /// <inheritdoc />
    public override string? DescribeSuccess(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var totals = TestTotals().Matches(StripAnsi(output));
        return totals.Count == 0 ? null : TestsPassed(totals[^1].Groups["run"].Value);
    }

    /// <inheritdoc />
    protected override IReadOnlyList<ValidationFinding> ParseLines(IReadOnlyList<string> raw)
    {
        var lines = raw.Select(l => Level().Replace(l, "")).ToList();
        var findings = new List<ValidationFinding>();
        string? goalFailure = null;

        // Surefire 2 names a JUnit 5 test by its method alone (`fits{int}[2]`); the class is on the line before.
        string? testClass = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (CompilerError().Match(line) is { Success: true } error)
            {
                var message = error.Groups["msg"].Value.Trim();
                while (i + 1 < lines.Count && Detail().IsMatch(lines[i + 1].Trim()))
                {
                    message += "; " + JavacOutputParser.CollapseSpaces(lines[++i].Trim());
                }

                findings.Add(new ValidationFinding(message) { File = error.Groups["file"].Value, Line = ToInt(error.Groups["line"].Value), Column = ToInt(error.Groups["col"].Value) });
            }
            else if (ClassRun().Match(line) is { Success: true } run)
            {
                testClass = run.Groups["cls"].Value;
            }
            else if (TestFailed().Match(line) is { Success: true } test)
            {
                var method = test.Groups["test"].Value;
                var name = test.Groups["cls"].Success ? $"{test.Groups["cls"].Value}.{method}"
                    : JvmTestName.Parse(method) is null && testClass is not null ? $"{testClass}.{method}"
                    : method;
                findings.Add(ReadTestFailure(lines, ref i, name));
            }
            else if (Unresolved().Match(line) is { Success: true } unresolved)
            {
                // "The following artifacts could not be resolved: a:b:jar:1, c:d:jar:2: Cannot access ..." names them all.
                var listed = ArtifactList().Match(unresolved.Groups["msg"].Value);
                var artifact = Artifact().Match(unresolved.Groups["msg"].Value);
                var what = listed.Success ? listed.Groups["artifacts"].Value.Trim()
                    : artifact.Success ? artifact.Groups["artifact"].Value
                    : unresolved.Groups["msg"].Value.Trim();
                findings.Add(new ValidationFinding(
                    $"could not resolve {what} offline; allow network for this validator or pre-fill the local repository (~/.m2)")
                { Code = "offline" });
            }
            else if (goalFailure is null && GoalFailed().Match(line) is { Success: true } goal)
            {
                goalFailure = goal.Groups["msg"].Value.Trim();
            }
        }

        AddListedTests(lines, findings);
        if (findings.Count == 0 && goalFailure is not null)
        {
            findings.Add(new ValidationFinding(goalFailure));
        }

        return [.. findings.Distinct()];
    }

    private static ValidationFinding ReadTestFailure(List<string> lines, ref int i, string name)
    {
        var message = new List<string>();
        string? frame = null;
        var simpleClass = name.Contains('.', StringComparison.Ordinal) ? name[..name.LastIndexOf('.')] : name;
        simpleClass = simpleClass[(simpleClass.LastIndexOf('.') + 1)..];
        while (i + 1 < lines.Count && lines[i + 1].Length > 0 && !TestFailed().IsMatch(lines[i + 1]) && !lines[i + 1].StartsWith("Tests run:", StringComparison.Ordinal))
        {
            var next = lines[++i];
            if (next.TrimStart().StartsWith("at ", StringComparison.Ordinal))
            {
                if (frame is null && Frame().Match(next) is { Success: true } at && at.Groups["file"].Value.StartsWith(simpleClass + ".", StringComparison.Ordinal))
                {
                    frame = $"{at.Groups["file"].Value}:{at.Groups["line"].Value}";
                }
            }
            else if (message.Count < MaxMessageLines && !next.TrimStart().StartsWith("...", StringComparison.Ordinal))
            {
                message.Add(message.Count == 0 ? ShortenException(next.Trim()) : next.Trim());
            }
        }

        var text = message.Count == 0 ? "failed" : string.Join('\n', message);
        return new ValidationFinding(frame is null ? text : $"{text}\n(at {frame})") { TestName = name };
    }

    /// <summary>Adds the tests named only in the closing lists (e.g. when the per-test details were cut).</summary>
    private static void AddListedTests(List<string> lines, List<ValidationFinding> findings)
    {
        var inList = false;
        foreach (var line in lines)
        {
            if (line.Trim() is "Failures:" or "Errors:" or "Failed tests:" or "Tests in error:" || line.StartsWith("Failed tests:", StringComparison.Ordinal) || line.StartsWith("Tests in error:", StringComparison.Ordinal))
            {
                inList = true;
                var rest = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..];
                if (rest.Trim().Length == 0)
                {
                    continue;
                }

                AddListed(rest, findings);
                continue;
            }

            if (inList && (line.Trim().Length == 0 || line.StartsWith("Tests run:", StringComparison.Ordinal)))
            {
                inList = false;
            }
            else if (inList && line.StartsWith(' '))
            {
                AddListed(line, findings);
            }
        }
    }

    private static void AddListed(string entry, List<ValidationFinding> findings)
    {
        string className, method, message;
        if (NewListEntry().Match(entry) is { Success: true } m)
        {
            (className, method, message) = (m.Groups["cls"].Value, m.Groups["method"].Value, m.Groups["msg"].Value);
        }
        else if (OldListEntry().Match(entry) is { Success: true } o)
        {
            (className, method, message) = (o.Groups["cls"].Value, o.Groups["method"].Value, o.Groups["msg"].Value);
        }
        else
        {
            return;
        }

        var simple = className[(className.LastIndexOf('.') + 1)..];
        var listed = JvmTestName.Parse($"{simple}.{method}");
        var known = findings.Any(f => f.TestName is { } t
            && (t.EndsWith($"{simple}.{method}", StringComparison.Ordinal) || t.EndsWith($"{simple}.{method}()", StringComparison.Ordinal)
                || (JvmTestName.Parse(t) is { Parameterised: true } test && listed?.Covers(test) == true)));
        if (!known)
        {
            findings.Add(new ValidationFinding(message.Trim().Length == 0 ? "failed" : message.Trim()) { TestName = $"{className}.{method}" });
        }
    }

    private static string ShortenException(string line)
    {
        // "org.opentest4j.AssertionFailedError: expected: <8> but was: <9>" reads best as the assertion alone.
        var match = ExceptionPrefix().Match(line);
        if (!match.Success)
        {
            return line;
        }

        var type = match.Groups["type"].Value;
        var simple = type[(type.LastIndexOf('.') + 1)..];
        var rest = line[match.Length..].Trim();
        if (simple is "AssertionFailedError" or "AssertionError" or "ComparisonFailure" or "AssertionFailure" or "MultipleFailuresError")
        {
            return rest.Length == 0 ? simple : rest;
        }

        return rest.Length == 0 ? simple : $"{simple}: {rest}";
    }

    [GeneratedRegex(@"^\[(?:ERROR|WARNING|INFO)\] ?")]
    private static partial Regex Level();

    [GeneratedRegex(@"^(?<file>/?[^\s:\[][^:\[]*\.(?:java|kt|scala|groovy)):\[(?<line>\d+),(?<col>\d+)\] (?<msg>.+)$")]
    private static partial Regex CompilerError();

    [GeneratedRegex(@"^(?:symbol|location|required|found|reason)\s*:")]
    private static partial Regex Detail();

    // Surefire 3: "com.example.CalcTest.adds -- Time elapsed: 0.008 s <<< FAILURE!", parameterised "….fits(int)[2] -- …";
    // Surefire 2: "adds(com.example.CalcTest)  Time elapsed: 0.008 sec  <<< ERROR!", JUnit 4 parameterised
    // "fits[1](p.SizeTest)  …", JUnit 5 "fits{int}[2]  …" (no class).
    [GeneratedRegex(@"^(?:(?<test>[^\s(]+?)\((?<cls>[\w.$]+)\)|(?<test>[^\s({]+?(?:\([^)]*\)|\{[^}]*\})?(?:\[[^\]\s]*\])?))\s+(?:--\s+)?Time elapsed: [\d.,]+ s(?:ec)?\s+<<< (?:FAILURE|ERROR)!$")]
    private static partial Regex TestFailed();

    // "Tests run: 2, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 0.38 s <<< FAILURE! - in p.SizeTest" (Surefire 3: "-- in").
    [GeneratedRegex(@"^Tests run: .*\s--? in (?<cls>[\w.$]+)$")]
    private static partial Regex ClassRun();

    [GeneratedRegex(@"^\s*at .+\((?<file>[\w$]+\.\w+):(?<line>\d+)\)$")]
    private static partial Regex Frame();

    [GeneratedRegex(@"^(?<type>(?:[a-z][\w$]*\.)+[A-Z][\w$]*)(?::|$)")]
    private static partial Regex ExceptionPrefix();

    [GeneratedRegex(@"^\s+(?<cls>[\w$]+(?:\.[\w$]+)*)\.(?<method>[\w$]+(?:\(\))?)(?::\d+)?(?:->[\w$.]+:\d+)*\s+(?:» )?(?<msg>.*)$")]
    private static partial Regex NewListEntry();

    [GeneratedRegex(@"^\s*(?<method>[\w$\[\]]+)\((?<cls>[\w.$]+)\)(?::\s*(?<msg>.*))?$")]
    private static partial Regex OldListEntry();

    [GeneratedRegex(@"^(?<msg>(?:Plugin .+ could not be resolved|Failed to execute goal .+ Could not resolve dependencies|.*Cannot access \S+ \(.*\) in offline mode).*?)(?: -> \[Help \d+\])?$")]
    private static partial Regex Unresolved();

    [GeneratedRegex(@"(?:the artifact|Plugin) (?<artifact>[\w.\-]+:[\w.\-]+(?::[\w.\-]+)*)")]
    private static partial Regex Artifact();

    [GeneratedRegex(@"following artifacts could not be resolved: (?<artifacts>[\w.\-]+(?::[\w.\-]+)+(?:, [\w.\-]+(?::[\w.\-]+)+)*)")]
    private static partial Regex ArtifactList();

    [GeneratedRegex(@"^Failed to execute goal (?<msg>.+?)(?: -> \[Help \d+\])?$")]
    private static partial Regex GoalFailed();

    [GeneratedRegex(@"Tests run: (?<run>\d+), Failures: \d+, Errors: \d+, Skipped: \d+\s*$", RegexOptions.Multiline)]
    private static partial Regex TestTotals();
}
