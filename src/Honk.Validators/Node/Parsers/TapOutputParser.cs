using System.Text;
using System.Text.RegularExpressions;

namespace Honk.Validators;

/// <summary>
/// Reads TAP (Test Anything Protocol) output: node:test's TAP reporter (nested <c># Subtest:</c> blocks with a YAML
/// diagnostic) and tape (a <c># test name</c> comment, then <c>not ok</c> assertions with <c>operator</c>,
/// <c>expected</c>, <c>actual</c> and <c>at</c>). Suites that failed only because a subtest failed are not repeated.
/// A test file that failed as a whole (node:test's <c>error: 'test failed'</c> with an exit code: it threw while loading,
/// e.g. <c>Cannot find module</c>) is reported with the error its process printed, which node:test passes on as
/// <c># </c> comments before the file's result.
/// </summary>
public sealed partial class TapOutputParser : OutputParser
{
    private static readonly string[] SummaryComments = ["tests ", "suites ", "pass ", "fail ", "cancelled ", "skipped ", "todo ", "duration_ms ", "ok", "not ok"];

    /// <inheritdoc />
    public override string? DescribeSuccess(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var match = PassCount().Match(output);
        return match.Success ? TestsPassed(match.Groups["count"].Value) : null;
    }

    /// <inheritdoc />
    public override int? CountTestsRun(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var match = TestsCount().Match(StripAnsi(output));
        return match.Success ? ToInt(match.Groups["count"].Value) : null;
    }

    /// <inheritdoc />
    protected override IReadOnlyList<ValidationFinding> ParseLines(IReadOnlyList<string> lines)
    {
        var findings = new List<ValidationFinding>();
        var subtests = new List<string>();
        string? tapeTest = null;
        var comments = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.StartsWith("ok ", StringComparison.Ordinal) || line.TrimStart().StartsWith("ok ", StringComparison.Ordinal))
            {
                comments.Clear();
            }

            if (Subtest().Match(line) is { Success: true } subtest)
            {
                var depth = Math.Min(subtest.Groups["indent"].Length / 4, subtests.Count);
                subtests.RemoveRange(depth, subtests.Count - depth);
                subtests.Add(subtest.Groups["name"].Value.Trim());
                continue;
            }

            if (Comment().Match(line) is { Success: true } comment && !SummaryComments.Any(s => comment.Groups["text"].Value.StartsWith(s, StringComparison.Ordinal)))
            {
                tapeTest = comment.Groups["text"].Value.Trim();
                comments.Add(comment.Groups["text"].Value);
                continue;
            }

            var notOk = NotOk().Match(line);
            if (!notOk.Success || notOk.Groups["directive"].Success)
            {
                continue;
            }

            var indent = notOk.Groups["indent"].Length;
            var yaml = ReadYaml(lines, ref i, indent);
            if (yaml.GetValueOrDefault("failureType") == "subtestsFailed" || yaml.GetValueOrDefault("type") == "suite")
            {
                continue;
            }

            var description = notOk.Groups["description"].Value.Trim();
            var level = indent / 4;
            string name;
            string message;
            if (subtests.Count > 0)
            {
                name = string.Join(" > ", subtests.Take(level).Append(description));
                message = yaml.GetValueOrDefault("error") ?? "test failed";
            }
            else
            {
                name = tapeTest ?? description;
                message = tapeTest is null ? (yaml.GetValueOrDefault("error") ?? "test failed") : description;
            }

            if (subtests.Count > 0 && message == "test failed" && yaml.ContainsKey("exitCode") && ProcessError(comments) is { } error)
            {
                message = error + "\n(the test file's process exited with code " + yaml["exitCode"] + ")";
            }

            comments.Clear();
            var text = new StringBuilder(message.Trim());
            if (yaml.TryGetValue("expected", out var expected) && yaml.TryGetValue("actual", out var actual))
            {
                text.Append("\nexpected: ").Append(expected).Append("\nactual: ").Append(actual);
            }

            var location = Location().Match(yaml.GetValueOrDefault("location") ?? yaml.GetValueOrDefault("at") ?? yaml.GetValueOrDefault("stack") ?? "");
            findings.Add(new ValidationFinding(text.ToString())
            {
                TestName = name,
                File = location.Success ? location.Groups["file"].Value : null,
                Line = location.Success ? ToInt(location.Groups["line"].Value) : null,
            });
        }

        return findings;
    }

    /// <summary>
    /// The error a test file's process printed before node:test reported it failed: from the first line that names an
    /// error (<c>Error: Cannot find module 'x'</c>, <c>SyntaxError: …</c>) up to its stack frames, at most 4 lines.
    /// </summary>
    private static string? ProcessError(List<string> comments)
    {
        var start = comments.FindIndex(c => ErrorLine().IsMatch(c));
        if (start < 0)
        {
            return null;
        }

        var kept = comments.Skip(start).TakeWhile(c => !StackFrame().IsMatch(c)).Where(c => c.Trim().Length > 0).Take(4);
        return string.Join('\n', kept.Select(c => c.Trim()));
    }

    /// <summary>Reads the YAML block after a <c>not ok</c> line: top-level keys, with block values joined.</summary>
    private static Dictionary<string, string> ReadYaml(IReadOnlyList<string> lines, ref int index, int indent)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (index + 1 >= lines.Count || lines[index + 1].Trim() != "---")
        {
            return values;
        }

        // node:test indents keys like the '---' line; tape indents them two more: the first key decides.
        var first = index + 2 < lines.Count ? lines[index + 2] : lines[index + 1];
        var keyIndent = first.Length - first.TrimStart().Length;
        string? key = null;
        var block = new List<string>();
        for (index += 2; index < lines.Count; index++)
        {
            var line = lines[index];
            var trimmed = line.TrimStart();
            var lineIndent = line.Length - trimmed.Length;
            if (trimmed == "..." && lineIndent <= keyIndent)
            {
                break;
            }

            if (lineIndent == keyIndent && YamlKey().Match(trimmed) is { Success: true } pair)
            {
                Flush();
                key = pair.Groups["key"].Value;
                var value = pair.Groups["value"].Value.Trim();
                if (value is "|-" or "|" or ">-" or ">" or "")
                {
                    continue;
                }

                values[key] = Unquote(value);
                key = null;
                continue;
            }

            if (key is not null && (lineIndent > keyIndent || trimmed.Length == 0))
            {
                block.Add(trimmed);
            }
        }

        Flush();
        return values;

        void Flush()
        {
            if (key is not null)
            {
                var lines = block.Where(l => l.Length > 0).ToList();
                values[key] = key is "expected" or "actual" ? string.Join(" ", lines) : string.Join('\n', lines);
            }

            key = null;
            block.Clear();
        }
    }

    private static string Unquote(string value)
        => value.Length >= 2 && (value[0] == '\'' || value[0] == '"') && value[^1] == value[0] ? value[1..^1] : value;

    [GeneratedRegex(@"^\s*(?:Uncaught )?(?:[A-Z]\w*)?(?:Error|Exception)\b(?: \[\w+\])?:")]
    private static partial Regex ErrorLine();

    [GeneratedRegex(@"^\s*at |^\s*[{}]\s*$|^\s*code: ")]
    private static partial Regex StackFrame();

    [GeneratedRegex(@"^(?<indent>\s*)# Subtest: (?<name>.+)$")]
    private static partial Regex Subtest();

    [GeneratedRegex(@"^# (?<text>.+)$")]
    private static partial Regex Comment();

    [GeneratedRegex(@"^(?<indent>\s*)not ok \d+(\s+-)?\s*(?<description>.*?)(?<directive>\s+#\s*(TODO|SKIP)\b.*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex NotOk();

    [GeneratedRegex(@"^(?<key>[A-Za-z_]+):(\s+(?<value>.*))?$")]
    private static partial Regex YamlKey();

    [GeneratedRegex(@"(?:file://)?(?<file>/[^\s:()']+|[\w.\-/]+\.[cm]?[jt]sx?):(?<line>\d+)(:\d+)?")]
    private static partial Regex Location();

    [GeneratedRegex(@"^# tests\s+(?<count>\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex TestsCount();

    [GeneratedRegex(@"^# pass\s+(?<count>\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex PassCount();
}
