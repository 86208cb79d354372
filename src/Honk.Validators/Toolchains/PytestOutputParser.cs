using System.Text.RegularExpressions;

namespace Honk.Validators.Toolchains;

/// <summary>
/// Reads pytest output: failing and erroring tests by node id (<c>FAILED tests/test_x.py::test_y - assert 9 == 8</c>)
/// with their full <c>E   ...</c> explanation and the test's own line, collection errors (import and syntax errors) with
/// their file, and internal errors. Works with <c>--tb=long</c>, <c>short</c> and <c>line</c>, with or without
/// <c>-q</c>.
/// </summary>
public sealed partial class PytestOutputParser : OutputParser
{
    private const int MaxExplanationLines = 6;

    /// <inheritdoc />
    public override string? DescribeSuccess(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var match = Passed().Match(StripAnsi(output));
        return match.Success ? TestsPassed(match.Groups["count"].Value) : null;
    }

    /// <inheritdoc />
    protected override IReadOnlyList<ValidationFinding> ParseLines(IReadOnlyList<string> lines)
    {
        var sections = ReadSections(lines);
        var findings = new List<ValidationFinding>();
        var used = new HashSet<PytestReportSection>();
        foreach (var line in lines)
        {
            if (SummaryLine().Match(line) is not { Success: true } summary)
            {
                if (line.StartsWith("INTERNALERROR> ", StringComparison.Ordinal) && line.Contains("Error", StringComparison.Ordinal) && !line.Contains("Traceback", StringComparison.Ordinal))
                {
                    findings.Add(new ValidationFinding(line["INTERNALERROR> ".Length..].Trim()) { Code = "INTERNALERROR" });
                }

                continue;
            }

            var id = summary.Groups["id"].Value;
            var shortMessage = summary.Groups["msg"].Success ? summary.Groups["msg"].Value.Trim() : null;
            var separator = id.IndexOf("::", StringComparison.Ordinal);
            var file = separator < 0 ? id : id[..separator];
            var section = FindSection(sections, id, separator < 0, used);
            if (section is not null)
            {
                used.Add(section);
            }

            if (separator < 0)
            {
                // A collection error: the module could not even be imported.
                var (message, line2) = section is null ? (shortMessage ?? "could not be collected", null) : CollectionMessage(section);
                findings.Add(new ValidationFinding(message) { File = file, Line = line2, Code = "collection" });
                continue;
            }

            var explanation = section?.Explanation(MaxExplanationLines);
            var text = explanation is { Length: > 0 } ? explanation : shortMessage ?? "failed";
            if (summary.Groups["kind"].Value == "ERROR" && section?.Title.StartsWith("ERROR at ", StringComparison.Ordinal) == true)
            {
                text = $"{section.Title["ERROR ".Length..]}: {text}";
            }

            findings.Add(new ValidationFinding(text) { TestName = id, File = file, Line = section?.LineIn(file) });
        }

        // Without the short summary (-rN), the sections alone still name each failure.
        foreach (var section in sections.Where(s => !used.Contains(s) && s.Lines.Count > 0))
        {
            if (section.Title.StartsWith("ERROR collecting ", StringComparison.Ordinal))
            {
                var (message, line) = CollectionMessage(section);
                findings.Add(new ValidationFinding(message) { File = section.Title["ERROR collecting ".Length..], Line = line, Code = "collection" });
            }
            else
            {
                // The title is the node id without its module ("TestThing.test_method[1-2]"); the traceback's first
                // frame is the test's own, in its module (rich's parametrised tests were findings without a file).
                var file = section.FirstFile();
                findings.Add(new ValidationFinding(section.Explanation(MaxExplanationLines) is { Length: > 0 } e ? e : "failed")
                {
                    TestName = file is null ? section.Title : file + "::" + NodeIdWithinModule(section.Title),
                    File = file,
                    Line = file is null ? null : section.LineIn(file),
                });
            }
        }

        return findings;
    }

    private static List<PytestReportSection> ReadSections(IReadOnlyList<string> lines)
    {
        var sections = new List<PytestReportSection>();
        PytestReportSection? current = null;
        var inReport = false;
        foreach (var line in lines)
        {
            if (Banner().Match(line) is { Success: true } banner)
            {
                inReport = banner.Groups["title"].Value is "FAILURES" or "ERRORS";
                current = null;
            }
            else if (inReport && Header().Match(line) is { Success: true } header)
            {
                current = new PytestReportSection(header.Groups["title"].Value);
                sections.Add(current);
            }
            else
            {
                current?.Lines.Add(line);
            }
        }

        return sections;
    }

    private static PytestReportSection? FindSection(List<PytestReportSection> sections, string id, bool collection, HashSet<PytestReportSection> used)
    {
        if (collection)
        {
            return sections.FirstOrDefault(s => !used.Contains(s) && s.Title == "ERROR collecting " + id);
        }

        // PytestReportSection titles are the node id without its file, "::" written as "." ("TestThing.test_method").
        var title = id[(id.IndexOf("::", StringComparison.Ordinal) + 2)..].Replace("::", ".", StringComparison.Ordinal);
        var last = title[(title.LastIndexOf('.') + 1)..];
        return sections.FirstOrDefault(s => !used.Contains(s) && s.Title == title)
            ?? sections.FirstOrDefault(s => !used.Contains(s) && s.Title.StartsWith("ERROR at ", StringComparison.Ordinal) && s.Title.EndsWith(" of " + last, StringComparison.Ordinal));
    }

    /// <summary>A section title as the part of a node id after the module: <c>TestThing.test_method[a.b]</c> is <c>TestThing::test_method[a.b]</c>.</summary>
    private static string NodeIdWithinModule(string title)
    {
        var parameters = title.IndexOf('[', StringComparison.Ordinal);
        var name = parameters < 0 ? title : title[..parameters];
        return name.Replace(".", "::", StringComparison.Ordinal) + (parameters < 0 ? "" : title[parameters..]);
    }

    private static (string Message, int? Line) CollectionMessage(PytestReportSection section)
    {
        var errors = section.Lines.Where(l => l.StartsWith('E')).Select(l => l.Length > 1 ? l[1..].Trim() : "").Where(l => l.Length > 0).ToList();
        int? line = null;
        foreach (var e in errors)
        {
            if (SyntaxLocation().Match(e) is { Success: true } at)
            {
                line = ToInt(at.Groups["line"].Value);
            }
        }

        var message = errors.LastOrDefault(e => ExceptionLine().IsMatch(e))
            ?? section.Lines.FirstOrDefault(l => l.Length > 0 && !l.StartsWith(' '))
            ?? "could not be collected";
        return (message, line);
    }

    [GeneratedRegex(@"^(?<kind>FAILED|ERROR) (?<id>\S+?)(?: - (?<msg>.*))?$")]
    private static partial Regex SummaryLine();

    [GeneratedRegex(@"^=+ (?<title>.+?) =+$")]
    private static partial Regex Banner();

    [GeneratedRegex(@"^_{3,} (?<title>.+?) _{3,}$")]
    private static partial Regex Header();

    [GeneratedRegex(@"^File "".*"", line (?<line>\d+)")]
    private static partial Regex SyntaxLocation();

    [GeneratedRegex(@"^[A-Za-z_][\w.]*(?:Error|Exception|Warning|Exit|Interrupt)\b")]
    private static partial Regex ExceptionLine();

    [GeneratedRegex(@"(?:^|[\s=])(?<count>\d+) passed\b", RegexOptions.Multiline)]
    private static partial Regex Passed();
}
