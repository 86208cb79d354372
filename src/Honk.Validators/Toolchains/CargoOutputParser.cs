using System.Text.RegularExpressions;

namespace Honk.Validators.Toolchains;

/// <summary>
/// Reads cargo and rustc output: compiler errors (<c>error[E0425]: message</c> with its <c>--&gt; src/main.rs:3:5</c>
/// location and the primary label), and failing tests (<c>---- tests::name stdout ----</c> with the panic's location
/// and message, e.g. <c>assertion `left == right` failed</c> with its <c>left</c>/<c>right</c> values). Warnings,
/// backtraces and cargo's closing noise are dropped.
/// </summary>
public sealed partial class CargoOutputParser : OutputParser
{
    private const int MaxPanicLines = 6;

    /// <inheritdoc />
    public override string? DescribeSuccess(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var total = TestResult().Matches(StripAnsi(output)).Sum(m => ToInt(m.Groups["passed"].Value) ?? 0);
        return total == 0 ? null : TestsPassed(total);
    }

    /// <inheritdoc />
    protected override IReadOnlyList<ValidationFinding> ParseLines(IReadOnlyList<string> lines)
    {
        // rustup, asked by the repository's rust-toolchain(.toml) for a toolchain or component this machine lacks, cannot
        // install it in the sandbox (its home is read-only, the network off) and names a random temp file: one stable
        // finding without a file says so, the same on the base (the environment rule then stops the session plainly).
        if (lines.Select(l => RustupFailure().Match(l)).FirstOrDefault(m => m.Success) is { } rustup)
        {
            var reason = RustupPath().Replace(rustup.Groups["msg"].Value, "~/.rustup/…");
            return [new ValidationFinding($"rustup cannot install the toolchain or components the repository's rust-toolchain file asks for here: {reason}") { Code = "toolchain" }];
        }

        var findings = new List<ValidationFinding>();
        var failedTests = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (CompilerError().Match(line) is { Success: true } error)
            {
                if (!IsNoise(error.Groups["msg"].Value))
                {
                    findings.Add(ReadCompilerError(lines, ref i, error));
                }
            }
            else if (TestHeader().Match(line) is { Success: true } header)
            {
                findings.Add(ReadTestFailure(lines, ref i, header.Groups["name"].Value));
            }
            else if (TestLine().Match(line) is { Success: true } failed)
            {
                failedTests.Add(failed.Groups["name"].Value);
            }
        }

        // A test can fail without printing a block (e.g. #[should_panic] that did not panic prints a note only).
        foreach (var name in failedTests.Where(n => !findings.Any(f => f.TestName == n)))
        {
            findings.Add(new ValidationFinding("failed") { TestName = name });
        }

        return [.. findings.Distinct()];
    }

    private static ValidationFinding ReadCompilerError(IReadOnlyList<string> lines, ref int i, Match error)
    {
        var message = error.Groups["msg"].Value;
        string? file = null;
        int? line = null, column = null;
        string? label = null;

        // The location and the labels follow the headline until the next blank line.
        while (i + 1 < lines.Count && lines[i + 1].Length > 0)
        {
            var next = lines[++i];
            if (file is null && Location().Match(next) is { Success: true } at)
            {
                file = at.Groups["file"].Value;
                line = ToInt(at.Groups["line"].Value);
                column = ToInt(at.Groups["col"].Value);
            }
            else if (label is null && PrimaryLabel().Match(next) is { Success: true } l)
            {
                label = l.Groups["label"].Value.Trim();
            }
        }

        if (label is { Length: > 0 } && !message.Contains(label, StringComparison.Ordinal) && !label.StartsWith("help:", StringComparison.Ordinal)
            && label != "not found in this scope")
        {
            message = $"{message} ({label})";
        }

        return new ValidationFinding(message)
        {
            File = file,
            Line = line,
            Column = column,
            Code = error.Groups["code"].Success ? error.Groups["code"].Value : null,
        };
    }

    private static ValidationFinding ReadTestFailure(IReadOnlyList<string> lines, ref int i, string name)
    {
        string? file = null;
        int? line = null;
        var message = new List<string>();
        var inPanic = false;
        while (i + 1 < lines.Count && !TestHeader().IsMatch(lines[i + 1]) && lines[i + 1] != "failures:" && !lines[i + 1].StartsWith("test result:", StringComparison.Ordinal))
        {
            var next = lines[++i];
            if (Panic().Match(next) is { Success: true } panic)
            {
                file = panic.Groups["file"].Value;
                line = ToInt(panic.Groups["line"].Value);
                inPanic = true;
            }
            else if (OldPanic().Match(next) is { Success: true } old)
            {
                // Before Rust 1.73 the message came quoted on the panic line: panicked at 'msg', src/lib.rs:3:5
                message.Add(old.Groups["msg"].Value);
                file = old.Groups["file"].Value;
                line = ToInt(old.Groups["line"].Value);
                inPanic = false;
            }
            else if (inPanic)
            {
                if (next.Length == 0 || next.StartsWith("note: ", StringComparison.Ordinal) || next.StartsWith("stack backtrace:", StringComparison.Ordinal))
                {
                    inPanic = false;
                }
                else if (message.Count < MaxPanicLines)
                {
                    message.Add(next.Trim());
                }
            }
        }

        return new ValidationFinding(message.Count == 0 ? "failed" : string.Join('\n', message)) { TestName = name, File = file, Line = line };
    }

    private static bool IsNoise(string message)
        => message.StartsWith("could not compile", StringComparison.Ordinal)
        || message.StartsWith("test failed, to rerun", StringComparison.Ordinal)
        || message.StartsWith("aborting due to", StringComparison.Ordinal)
        || TargetsFailed().IsMatch(message);

    [GeneratedRegex(@"^error(?:\[(?<code>E\d{4})\])?: (?<msg>.+)$")]
    private static partial Regex CompilerError();

    [GeneratedRegex(@"^\s*--> (?<file>.+?):(?<line>\d+):(?<col>\d+)$")]
    private static partial Regex Location();

    // "   |     ^^^^^^^^^^^^^^^ not found in this scope": carets mark the primary span.
    [GeneratedRegex(@"^\s*\d*\s*\|[\s|\-]*\^+\s(?<label>.+)$")]
    private static partial Regex PrimaryLabel();

    [GeneratedRegex(@"^---- (?<name>.+) stdout ----$")]
    private static partial Regex TestHeader();

    [GeneratedRegex(@"^test (?<name>.+) \.\.\. FAILED$")]
    private static partial Regex TestLine();

    [GeneratedRegex(@"^thread '[^']*'(?: \(\d+\))? panicked at (?<file>[^\s:][^:]*):(?<line>\d+):(?<col>\d+):$")]
    private static partial Regex Panic();

    [GeneratedRegex(@"^thread '[^']*'(?: \(\d+\))? panicked at '(?<msg>.*)', (?<file>[^\s:][^:]*):(?<line>\d+):(?<col>\d+)$")]
    private static partial Regex OldPanic();

    [GeneratedRegex(@"^\d+ targets? failed:?$")]
    private static partial Regex TargetsFailed();

    [GeneratedRegex(@"^test result: (?:ok|FAILED)\. (?<passed>\d+) passed", RegexOptions.Multiline)]
    private static partial Regex TestResult();

    [GeneratedRegex(@"^error: (?<msg>.*\.rustup/.*)$")]
    private static partial Regex RustupFailure();

    [GeneratedRegex(@"/[^\s:]*\.rustup/[^\s:]*")]
    private static partial Regex RustupPath();
}
