using System.Text;
using System.Text.RegularExpressions;

namespace Honk.Validators;

/// <summary>
/// Reads the console output of <c>dotnet test</c> (VSTest's console logger): <c>Failed Name [time]</c>, then
/// <c>Error Message:</c> and <c>Stack Trace:</c> blocks. A fallback for when no TRX file was written. Also a test host
/// that cannot start because the machine lacks the .NET runtime its project targets (<see cref="MissingRuntimes"/>).
/// </summary>
public sealed partial class DotnetTestConsoleParser : OutputParser
{
    /// <inheritdoc />
    public override string? DescribeSuccess(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var passed = Totals().Matches(output).Sum(m => int.Parse(m.Groups["passed"].Value, System.Globalization.CultureInfo.InvariantCulture));
        return passed > 0 ? TestsPassed(passed) : null;
    }

    /// <inheritdoc />
    protected override IReadOnlyList<ValidationFinding> ParseLines(IReadOnlyList<string> lines)
    {
        var findings = new List<ValidationFinding>();
        for (var i = 0; i < lines.Count; i++)
        {
            var failed = FailedLine().Match(lines[i]);
            if (!failed.Success)
            {
                continue;
            }

            var message = new StringBuilder();
            string? file = null;
            int? line = null;
            var section = "";
            var j = i + 1;
            for (; j < lines.Count && !FailedLine().IsMatch(lines[j]) && !PassedOrSkipped().IsMatch(lines[j]) && !Totals().IsMatch(lines[j]); j++)
            {
                var text = lines[j].Trim();
                if (text is "Error Message:" or "Stack Trace:" or "Standard Output Messages:")
                {
                    section = text;
                    continue;
                }

                if (section == "Error Message:" && text.Length > 0)
                {
                    message.Append(text).Append('\n');
                }
                else if (section == "Stack Trace:" && file is null && StackFrame().Match(text) is { Success: true } frame)
                {
                    file = frame.Groups["file"].Value;
                    line = ToInt(frame.Groups["line"].Value);
                }
            }

            findings.Add(new ValidationFinding(message.Length > 0 ? message.ToString().TrimEnd() : "test failed")
            {
                TestName = failed.Groups["name"].Value,
                File = file,
                Line = line,
            });
            i = j - 1;
        }

        findings.AddRange(MissingRuntimes(lines));
        return findings;
    }

    /// <summary>
    /// A test host that could not start because the .NET runtime its project targets is not installed (net8.0 tests on a
    /// machine with only the 10.0 runtime): no test ran, the same on the base. One finding per test project, worded
    /// without the run's volatile lines (the TRX file's time stamp, the results folder), so the base's run matches it
    /// and the environment rule sees the machine's lack (<see cref="SandboxLimits"/>) rather than a failure to fix.
    /// </summary>
    private static IEnumerable<ValidationFinding> MissingRuntimes(IReadOnlyList<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (TesthostCannotStart().Match(lines[i]) is not { Success: true } start)
            {
                continue;
            }

            string? framework = null;
            var installed = new List<string>();
            for (var j = i + 1; j < lines.Count && !TesthostCannotStart().IsMatch(lines[j]); j++)
            {
                if (FrameworkLine().Match(lines[j]) is { Success: true } wanted)
                {
                    framework ??= $"'{wanted.Groups["name"].Value}', version '{wanted.Groups["version"].Value}'";
                }
                else if (InstalledFramework().Match(lines[j]) is { Success: true } found)
                {
                    installed.Add(found.Groups["version"].Value);
                }
            }

            var source = start.Groups["source"].Value.Replace('\\', '/');
            var folders = source.Split('/');
            var project = Path.GetFileNameWithoutExtension(source) + (folders.Length > 1 ? $" ({folders[^2]})" : "");
            yield return new ValidationFinding(
                $"the test host of {project} cannot start: {RuntimeNotInstalled} {framework ?? "the one it targets"}"
                + (installed.Count > 0 ? $"; installed here: {string.Join(", ", installed)}" : "") + " — its tests cannot run on this machine");
        }
    }

    /// <summary>The words that say a .NET runtime is missing; <see cref="SandboxLimits"/> reads them as the machine's lack.</summary>
    internal const string RuntimeNotInstalled = "this machine has no .NET runtime";

    // Testhost process for source(s) '/w/T/bin/Debug/net8.0/T.dll' exited with error: You must install or update .NET to run this application.
    [GeneratedRegex(@"^\s*Testhost process for source\(s\) '(?<source>[^']+)' exited with error: (?:You must install or update \.NET|It was not possible to find any compatible framework version)")]
    private static partial Regex TesthostCannotStart();

    // Framework: 'Microsoft.NETCore.App', version '8.0.0' (x64); older hosts: The framework 'Microsoft.NETCore.App', version '8.0.0' (x64) was not found.
    [GeneratedRegex(@"^\s*(?:The framework|Framework:) '(?<name>[^']+)', version '(?<version>[^']+)'")]
    private static partial Regex FrameworkLine();

    //   10.0.12 at [/usr/share/dotnet/shared/Microsoft.NETCore.App]
    [GeneratedRegex(@"^\s*(?<version>\d+\.\d+\.\d+\S*) at \[")]
    private static partial Regex InstalledFramework();

    [GeneratedRegex(@"^\s*Failed (?<name>[^\s\[(]+)(\(.*\))?\s*\[[^\]]*\]\s*$")]
    private static partial Regex FailedLine();

    [GeneratedRegex(@"^\s*(Passed|Skipped) \S+\s*\[[^\]]*\]\s*$")]
    private static partial Regex PassedOrSkipped();

    [GeneratedRegex(@"(Passed|Failed)!\s+-\s+Failed:\s+\d+,\s+Passed:\s+(?<passed>\d+)")]
    private static partial Regex Totals();

    [GeneratedRegex(@"\bin (?<file>/.+?|[A-Za-z]:\\.+?):line (?<line>\d+)")]
    private static partial Regex StackFrame();
}
