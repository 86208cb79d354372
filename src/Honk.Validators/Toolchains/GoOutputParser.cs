using System.Text.RegularExpressions;

namespace Honk.Validators.Toolchains;

/// <summary>
/// Reads <c>go vet</c>, <c>go build</c> and <c>go test</c> output: compile and vet errors
/// (<c>./x.go:3:2: undefined: y</c>), failing tests (<c>--- FAIL: TestX</c>, subtests included) with the lines they
/// logged (<c>x_test.go:12: got 9, want 8</c>), and panics with the test's own frame. Test log paths are relative to
/// the package; given the module path, they are made relative to the module root.
/// </summary>
public sealed partial class GoOutputParser : OutputParser
{
    private const int MaxLogLines = 6;
    private readonly string? _modulePath;

    /// <summary>Creates the parser.</summary>
    /// <param name="modulePath">The module path from <c>go.mod</c> (e.g. <c>example.com/calc</c>), to place test files
    /// in their package folder; <see langword="null"/> leaves test log paths as printed.</param>
    public GoOutputParser(string? modulePath = null) => _modulePath = string.IsNullOrWhiteSpace(modulePath) ? null : modulePath.Trim();

    /// <inheritdoc />
    public override string? DescribeSuccess(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var packages = OkPackage().Matches(StripAnsi(output)).Count;
        return packages == 0 ? null : packages == 1 ? "1 package passed" : $"{packages} packages passed";
    }

    /// <inheritdoc />
    protected override IReadOnlyList<ValidationFinding> ParseLines(IReadOnlyList<string> lines)
    {
        // Go before 1.21 compiles a module that asks for a newer Go and, when that fails, adds this note: every error
        // before it is the old toolchain's (a method the old library lacks), not the code's. One finding without a file
        // says so, the same on the base and in the session (the environment rule then stops the session plainly).
        if (lines.Select(l => ModuleRequires().Match(l)).FirstOrDefault(m => m.Success) is { } requires)
        {
            return [new ValidationFinding($"the module requires Go {requires.Groups["version"].Value} (its go.mod), newer than the go installed here: the compile errors are the old toolchain's") { Code = "toolchain" }];
        }

        var findings = new List<ValidationFinding>();
        var pending = new List<TestFailure>();
        TestFailure? current = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (CompileError().Match(line) is { Success: true } error)
            {
                findings.Add(new ValidationFinding(error.Groups["msg"].Value)
                {
                    File = error.Groups["file"].Value.StartsWith("./", StringComparison.Ordinal) ? error.Groups["file"].Value[2..] : error.Groups["file"].Value,
                    Line = ToInt(error.Groups["line"].Value),
                    Column = ToInt(error.Groups["col"].Value),
                    Code = error.Groups["vet"].Success ? "vet" : null,
                });
            }
            else if (Fail().Match(line) is { Success: true } fail)
            {
                var depth = fail.Groups["indent"].Value.Length;
                current = new TestFailure(fail.Groups["name"].Value, depth);
                pending.Add(current);
            }
            else if (current is not null && Log().Match(line) is { Success: true } log && log.Groups["indent"].Value.Length > current.Depth)
            {
                current.File ??= log.Groups["file"].Value;
                current.Line ??= ToInt(log.Groups["line"].Value);
                current.Add(log.Groups["msg"].Value);
            }
            else if (Panic().Match(line) is { Success: true } panic)
            {
                var target = current ?? new TestFailure("(package)", 0);
                if (current is null)
                {
                    pending.Add(target);
                }

                target.Add("panic: " + panic.Groups["msg"].Value);
                (target.File, target.Line) = FindOwnFrame(lines, i + 1) is { } frame ? (frame.File, frame.Line) : (target.File, target.Line);
                current = null;
            }
            else if (current is not null && line.StartsWith(new string(' ', current.Depth + 8), StringComparison.Ordinal) && current.HasMessage)
            {
                // A multi-line t.Errorf message continues on deeper-indented lines.
                current.Add(line.Trim());
            }
            else if (PackageResult().Match(line) is { Success: true } result)
            {
                findings.AddRange(Close(pending, result.Groups["pkg"].Value));
                pending.Clear();
                current = null;
            }
        }

        findings.AddRange(Close(pending, null));
        return [.. findings.Distinct()];
    }

    private IEnumerable<ValidationFinding> Close(List<TestFailure> failures, string? package)
    {
        var folder = PackageFolder(package);
        foreach (var failure in failures)
        {
            // A parent whose only problem is a failing subtest says nothing the subtest does not.
            var hasFailingChild = failures.Any(f => f.Name.StartsWith(failure.Name + "/", StringComparison.Ordinal));
            if (hasFailingChild && !failure.HasMessage)
            {
                continue;
            }

            var file = failure.File;
            if (file is not null && !file.StartsWith('/') && !file.Contains('/', StringComparison.Ordinal) && folder is not null)
            {
                file = folder.Length == 0 ? file : folder + "/" + file;
            }

            yield return new ValidationFinding(failure.HasMessage ? failure.Message : "failed") { TestName = failure.Name, File = file, Line = failure.Line };
        }
    }

    private string? PackageFolder(string? package)
    {
        if (package is null || _modulePath is null)
        {
            return null;
        }

        if (package == _modulePath)
        {
            return "";
        }

        return package.StartsWith(_modulePath + "/", StringComparison.Ordinal) ? package[(_modulePath.Length + 1)..] : null;
    }

    private static (string File, int? Line)? FindOwnFrame(IReadOnlyList<string> lines, int start)
    {
        // Frames come in pairs: "pkg.Func(args)" then "\t/path/file.go:24 +0x2e". The first pair outside the Go runtime
        // and the testing package is where the test itself went wrong.
        for (var i = start; i + 1 < lines.Count && i < start + 60; i++)
        {
            if (PackageResult().IsMatch(lines[i]) || Fail().IsMatch(lines[i]))
            {
                break;
            }

            var function = lines[i];
            if (Frame().Match(lines[i + 1]) is { Success: true } frame
                && !function.StartsWith("testing.", StringComparison.Ordinal) && !function.StartsWith("runtime.", StringComparison.Ordinal)
                && !function.StartsWith("panic(", StringComparison.Ordinal) && !function.StartsWith("created by", StringComparison.Ordinal))
            {
                return (frame.Groups["file"].Value, ToInt(frame.Groups["line"].Value));
            }
        }

        return null;
    }

    [GeneratedRegex(@"^(?<vet>vet: )?(?<file>[^\s:][^:]*\.go):(?<line>\d+):(?<col>\d+): (?<msg>.+)$")]
    private static partial Regex CompileError();

    [GeneratedRegex(@"^(?<indent>\s*)--- FAIL: (?<name>\S+) \([\d.]+s\)$")]
    private static partial Regex Fail();

    [GeneratedRegex(@"^(?<indent>\s+)(?<file>[\w.\-/]+\.go):(?<line>\d+): (?<msg>.*)$")]
    private static partial Regex Log();

    [GeneratedRegex(@"^panic: (?<msg>.+?)(?: \[recovered\])?$")]
    private static partial Regex Panic();

    [GeneratedRegex(@"^\t(?<file>/\S+\.go):(?<line>\d+)(?: \+0x[0-9a-f]+)?$")]
    private static partial Regex Frame();

    [GeneratedRegex(@"^FAIL\s+(?<pkg>\S+)(?:\s|$)")]
    private static partial Regex PackageResult();

    [GeneratedRegex(@"^note: module requires Go (?<version>[\w.]+)")]
    private static partial Regex ModuleRequires();

    [GeneratedRegex(@"^ok\s+\S+", RegexOptions.Multiline)]
    private static partial Regex OkPackage();

    private sealed class TestFailure(string name, int depth)
    {
        private readonly List<string> _lines = [];

        public string Name { get; } = name;

        public int Depth { get; } = depth;

        public string? File { get; set; }

        public int? Line { get; set; }

        public bool HasMessage => _lines.Count > 0;

        public string Message => string.Join('\n', _lines);

        public void Add(string text)
        {
            if (_lines.Count < MaxLogLines)
            {
                _lines.Add(text);
            }
        }
    }
}
