using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Honk.Validators;

/// <summary>
/// Reads Visual Studio test results (TRX, written by <c>dotnet test --logger trx</c>): each failing test by fully
/// qualified name with its message (e.g. <c>Expected: 8</c> / <c>Actual: 9</c>) and the top stack frame inside the
/// repository.
/// </summary>
public static partial class TrxReader
{
    private static readonly XNamespace Ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    /// <summary>The outcome of one TRX file (or several, added up).</summary>
    /// <param name="Failures">One finding per failing test.</param>
    /// <param name="Passed">The names of the tests that passed.</param>
    /// <param name="Total">How many tests ran.</param>
    public sealed record TrxResults(IReadOnlyList<ValidationFinding> Failures, IReadOnlyList<string> Passed, int Total);

    /// <summary>Reads every <c>*.trx</c> file of a folder (none: empty results).</summary>
    /// <param name="folder">The results folder.</param>
    /// <param name="repositoryRoot">The repository root, to pick the stack frame and make its path relative.</param>
    /// <returns>The combined results.</returns>
    public static TrxResults ReadFolder(string folder, string repositoryRoot)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(repositoryRoot);
        var failures = new List<ValidationFinding>();
        var passed = new List<string>();
        var total = 0;
        // The tests wrote this folder in the sandbox and could leave a link to a host folder in its place or inside it,
        // or a FIFO named *.trx (reading one blocks): only real folders and regular files are read (ADR 0039).
        if (HostWrites.IsRealFolder(Path.GetDirectoryName(folder)!, Path.GetFileName(folder)))
        {
            var walk = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint };
            foreach (var file in Directory.EnumerateFiles(folder, "*.trx", walk).Where(HostWrites.IsRegularFile).Order(StringComparer.Ordinal))
            {
                var one = Read(XDocument.Load(file), repositoryRoot);
                failures.AddRange(one.Failures);
                passed.AddRange(one.Passed);
                total += one.Total;
            }
        }

        return new TrxResults(failures, passed, total);
    }

    /// <summary>Reads one TRX document.</summary>
    /// <param name="document">The document.</param>
    /// <param name="repositoryRoot">The repository root.</param>
    /// <returns>The results.</returns>
    public static TrxResults Read(XDocument document, string repositoryRoot)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(repositoryRoot);
        var names = document.Descendants(Ns + "UnitTest").ToDictionary(
            t => (string?)t.Attribute("id") ?? "",
            t => t.Element(Ns + "TestMethod") is { } method ? $"{(string?)method.Attribute("className")}.{(string?)method.Attribute("name")}" : null,
            StringComparer.Ordinal);
        var failures = new List<ValidationFinding>();
        var passed = new List<string>();
        var total = 0;
        foreach (var result in document.Descendants(Ns + "UnitTestResult"))
        {
            total++;
            var name = names.GetValueOrDefault((string?)result.Attribute("testId") ?? "") ?? StripArguments((string?)result.Attribute("testName") ?? "unknown test");
            var outcome = (string?)result.Attribute("outcome");
            if (string.Equals(outcome, "Passed", StringComparison.OrdinalIgnoreCase))
            {
                passed.Add(name);
                continue;
            }

            if (!string.Equals(outcome, "Failed", StringComparison.OrdinalIgnoreCase) && !string.Equals(outcome, "Error", StringComparison.OrdinalIgnoreCase)
                && !string.Equals(outcome, "Timeout", StringComparison.OrdinalIgnoreCase) && !string.Equals(outcome, "Aborted", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var error = result.Descendants(Ns + "ErrorInfo").FirstOrDefault();
            var message = error?.Element(Ns + "Message")?.Value.Trim();
            var frame = TopFrame(error?.Element(Ns + "StackTrace")?.Value, repositoryRoot);
            failures.Add(new ValidationFinding(string.IsNullOrWhiteSpace(message) ? $"test {outcome?.ToLowerInvariant()}" : message)
            {
                TestName = name,
                File = frame?.File,
                Line = frame?.Line,
            });
        }

        return new TrxResults(failures, passed, total);
    }

    /// <summary>The first stack frame whose file lies inside the repository.</summary>
    /// <param name="stackTrace">A .NET stack trace.</param>
    /// <param name="repositoryRoot">The repository root.</param>
    /// <returns>The relative file and line, or <see langword="null"/>.</returns>
    public static (string File, int Line)? TopFrame(string? stackTrace, string repositoryRoot)
    {
        ArgumentNullException.ThrowIfNull(repositoryRoot);
        foreach (Match match in Frame().Matches(stackTrace ?? ""))
        {
            var relative = RepositoryFacts.ToRelativePath(repositoryRoot, match.Groups["file"].Value.Trim());
            if (relative is not null && !Path.IsPathRooted(relative))
            {
                return (relative, int.Parse(match.Groups["line"].Value, CultureInfo.InvariantCulture));
            }
        }

        return null;
    }

    private static string StripArguments(string name)
    {
        var paren = name.IndexOf('(', StringComparison.Ordinal);
        return paren > 0 ? name[..paren] : name;
    }

    [GeneratedRegex(@"\bin (?<file>.+?):line (?<line>\d+)")]
    private static partial Regex Frame();
}
