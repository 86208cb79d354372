using System.Text.RegularExpressions;

namespace Honk.Validators;

/// <summary>
/// Re-runs a Node test script's failing tests once, to tell flaky ones apart. The script is the repository's own, so
/// the runner is not known for sure; but node:test, jest, vitest, mocha, ava and tape all take test files as arguments,
/// appended to the script's last command (<c>npm run test -- a.test.js</c>; yarn and pnpm pass them on without
/// <c>--</c>). So the failing tests' files are re-run when every failure names a test file; otherwise the whole script.
/// </summary>
/// <remarks>
/// A test counts as passed on the re-run only when the re-run's output is understood (it ran tests, every failure it
/// reports is a named test) and shows the test ran — its file or its own line (<c>ok 3 - name</c>, <c>✔ name</c>) —
/// without failing. A selection the script does not honour then re-runs more, never fewer, tests.
/// </remarks>
internal static partial class NodeTestRerun
{
    /// <summary>The re-run command: the test step's own, with the failing tests' files appended when all are known.</summary>
    /// <param name="step">The test step's command.</param>
    /// <param name="failures">The failing tests.</param>
    /// <returns>The command.</returns>
    public static CommandRequest Request(CommandRequest step, IReadOnlyList<ValidationFinding> failures)
    {
        var files = failures.Select(f => f.File).ToList();
        if (files.Any(f => f is null || !TestFile().IsMatch(f.Replace('\\', '/'))))
        {
            return step;
        }

        IEnumerable<string> separator = step.FileName == "npm" ? ["--"] : [];
        return step with { Arguments = [.. step.Arguments, .. separator, .. files.Distinct(StringComparer.Ordinal)!] };
    }

    /// <summary>The failing tests that passed on the re-run.</summary>
    /// <param name="failures">The tests that failed in the step.</param>
    /// <param name="rerun">The re-run's result.</param>
    /// <param name="parser">The parser of the step's output.</param>
    /// <returns>Their names.</returns>
    public static IReadOnlyCollection<string> Passed(IReadOnlyList<ValidationFinding> failures, CommandResult rerun, OutputParser parser)
    {
        if (rerun.TimedOut || rerun.InfrastructureFailure is not null || parser.CountTestsRun(rerun.Output) == 0)
        {
            return [];
        }

        var stillFailing = parser.Parse(rerun.Output);
        if (rerun.ExitCode != 0 && (stillFailing.Count == 0 || stillFailing.Any(f => f.TestName is null)))
        {
            // The re-run failed for a reason Honk cannot place in a test: it vouches for nothing.
            return [];
        }

        var failing = stillFailing.Select(f => f.TestName).ToHashSet(StringComparer.Ordinal);
        var lines = OutputParser.SplitLines(rerun.Output).Where(l => Marker().IsMatch(l)).Select(ResultLine).Where(l => l.Length >= 3).ToList();
        return [.. failures.Where(f => !failing.Contains(f.TestName) && Ran(f, rerun.Output, lines)).Select(f => f.TestName!)];
    }

    /// <summary>Whether the re-run's output shows the test ran: its file's name, or a result line ending its name.</summary>
    private static bool Ran(ValidationFinding failure, string output, List<string> lines)
    {
        if (failure.File is { } file && output.Contains(Path.GetFileName(file), StringComparison.Ordinal))
        {
            return true;
        }

        var name = failure.TestName!;
        return lines.Any(line => name.EndsWith(line, StringComparison.Ordinal) && (line.Length == name.Length || !char.IsLetterOrDigit(name[^(line.Length + 1)])));
    }

    /// <summary>A passing result line without its marker and duration: <c>✔ adds (1.2ms)</c> and <c>ok 3 - adds</c> give <c>adds</c>.</summary>
    private static string ResultLine(string line) => Duration().Replace(Marker().Replace(line, ""), "").Trim();

    [GeneratedRegex(@"^\s*(?:ok \d+ - |[✓✔√]\s*)")]
    private static partial Regex Marker();

    [GeneratedRegex(@"\s*\(\d+(?:\.\d+)?\s*m?s\)\s*$")]
    private static partial Regex Duration();

    /// <summary>A test file, as <see cref="NodeValidator"/> recognises them (absolute or relative).</summary>
    [GeneratedRegex(@"(^|/)(test|tests|__tests__|spec)/.+\.[cm]?[jt]sx?$|\.(test|spec)\.[cm]?[jt]sx?$")]
    private static partial Regex TestFile();
}
