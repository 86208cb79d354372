using System.Text.RegularExpressions;

namespace Honk.Validators.Toolchains;

/// <summary>
/// Reads Gradle output: javac and Kotlin compiler errors (<see cref="JavacOutputParser"/>), failing tests
/// (<c>CalcTest &gt; addsSmallNumbers() FAILED</c>) with the exception line Gradle prints under them (the assertion
/// message when <c>exceptionFormat</c> is <c>full</c>, else the exception type and <c>at CalcTest.java:12</c>), and
/// the <c>* What went wrong:</c> block when nothing more specific was found (e.g. a wrapper that could not download
/// its distribution without network).
/// </summary>
public sealed partial class GradleOutputParser : OutputParser
{
    private const int MaxMessageLines = 4;
    private readonly JavacOutputParser _compiler = new();

    /// <inheritdoc />
    public override string? DescribeSuccess(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var text = StripAnsi(output);
        var counts = TestCount().Matches(text);
        if (counts.Count > 0)
        {
            return TestsPassed(counts.Sum(c => int.Parse(c.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture)));
        }

        return text.Contains("BUILD SUCCESSFUL", StringComparison.Ordinal) ? "build successful" : null;
    }

    /// <inheritdoc />
    protected override IReadOnlyList<ValidationFinding> ParseLines(IReadOnlyList<string> lines)
    {
        var findings = new List<ValidationFinding>(_compiler.Parse(string.Join('\n', lines)));
        for (var i = 0; i < lines.Count; i++)
        {
            if (TestFailed().Match(lines[i]) is not { Success: true } test)
            {
                continue;
            }

            var message = new List<string>();
            string? frame = null;
            var className = test.Groups["cls"].Value;
            var simple = className[(className.LastIndexOf('.') + 1)..];
            while (i + 1 < lines.Count && lines[i + 1].StartsWith("    ", StringComparison.Ordinal))
            {
                var next = lines[++i].Trim();
                if (next.StartsWith("at ", StringComparison.Ordinal))
                {
                    if (Frame().Match(next) is { Success: true } at && at.Groups["file"].Value.StartsWith(simple + ".", StringComparison.Ordinal))
                    {
                        frame ??= $"{at.Groups["file"].Value}:{at.Groups["line"].Value}";
                    }
                }
                else if (ShortFormat().Match(next) is { Success: true } shortFormat)
                {
                    message.Add(SimpleName(shortFormat.Groups["type"].Value));
                    frame ??= shortFormat.Groups["where"].Value;
                }
                else if (message.Count < MaxMessageLines && !next.StartsWith("...", StringComparison.Ordinal) && !next.StartsWith("Caused by:", StringComparison.Ordinal))
                {
                    message.Add(message.Count == 0 ? ShortenException(next) : next);
                }
            }

            var text = message.Count == 0 ? "failed" : string.Join('\n', message);
            findings.Add(new ValidationFinding(frame is null ? text : $"{text}\n(at {frame})")
            {
                TestName = $"{className}.{MethodOf(test)}",
            });
        }

        if (findings.Count == 0 && WhatWentWrong(lines) is { } problem)
        {
            findings.Add(new ValidationFinding(problem));
        }

        return [.. findings.Distinct()];
    }

    /// <summary>
    /// The test's method. A JUnit 5 parameterised test prints its invocation's display name under its method's
    /// (<c>SizeTest &gt; fits(int) &gt; [2] 2 FAILED</c>): it is named <c>fits(int)[2]</c>, as in the reports.
    /// </summary>
    private static string MethodOf(Match test)
    {
        var method = test.Groups["method"].Value;
        var segments = test.Groups["segment"].Captures;
        return segments.Count > 0 && Invocation().Match(method) is { Success: true } invocation && segments[^1].Value.EndsWith(')')
            ? segments[^1].Value + invocation.Value
            : method;
    }

    private static string? WhatWentWrong(IReadOnlyList<string> lines)
    {
        var start = -1;
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].StartsWith("* What went wrong:", StringComparison.Ordinal))
            {
                start = i + 1;
                break;
            }
        }

        if (start < 0)
        {
            var wrapper = lines.FirstOrDefault(l => l.StartsWith("Exception in thread \"main\"", StringComparison.Ordinal));
            return wrapper is null ? null
                : $"the Gradle wrapper failed ({wrapper["Exception in thread \"main\" ".Length..].Trim()}); without network it needs its distribution already in GRADLE_USER_HOME";
        }

        var text = lines.Skip(start).TakeWhile(l => !l.StartsWith("* Try:", StringComparison.Ordinal) && !l.StartsWith("* Exception is:", StringComparison.Ordinal))
            .Select(l => l.Trim().TrimStart('>').Trim()).Where(l => l.Length > 0).Take(MaxMessageLines);
        return string.Join('\n', text);
    }

    private static string ShortenException(string line)
    {
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        if (colon < 0 || line[..colon].Contains(' ', StringComparison.Ordinal))
        {
            return line;
        }

        var simple = SimpleName(line[..colon]);
        var rest = line[(colon + 2)..];
        return simple is "AssertionFailedError" or "AssertionError" or "ComparisonFailure" ? rest : $"{simple}: {rest}";
    }

    private static string SimpleName(string type) => type[(type.LastIndexOf('.') + 1)..];

    // "CalcTest > addsSmallNumbers() FAILED", "com.example.CalcTest > Nested > works() FAILED".
    [GeneratedRegex(@"^(?<cls>[\w.$]+)(?: > (?<segment>[^>]+?))* > (?<method>.+?) FAILED$")]
    private static partial Regex TestFailed();

    [GeneratedRegex(@"^\[\d+\]")]
    private static partial Regex Invocation();

    [GeneratedRegex(@"^at .+\((?<file>[\w$]+\.\w+):(?<line>\d+)\)$")]
    private static partial Regex Frame();

    [GeneratedRegex(@"^(?<type>[\w.$]+(?:Error|Exception|Failure|Failed)[\w$]*) at (?<where>[\w$]+\.\w+:\d+)$")]
    private static partial Regex ShortFormat();

    /// <summary>The validator's init script's line after each test task that ran.</summary>
    [GeneratedRegex(@"^honk-gradle: \S+ ran (?<count>\d{1,9}) tests\r?$", RegexOptions.Multiline)]
    private static partial Regex TestCount();
}
