using System.Text;
using System.Text.RegularExpressions;
using Honk.Delivery.GitHub;
using Honk.Validators;
using Honk.Validators.Toolchains;

namespace Honk.Server;

/// <summary>
/// Turns a pull request's failing CI into feedback for a fix round: for each failing check run, its Actions job log
/// (or, for other CI, the check's own output) read with the validators' own parsers (test names, file:line), at most
/// <see cref="MaxBytes"/> in all. A check that fails on the base branch's commit as well is listed as not this change's
/// to fix, so a fix round does not chase it.
/// </summary>
public static partial class CiFailureFeedback
{
    /// <summary>The most feedback a fix round gets, in UTF-8 bytes: 2 KB.</summary>
    public const int MaxBytes = 2048;

    /// <summary>Every output format the validators know: .NET, Node, Go, Rust, Java, C/C++.</summary>
    private static readonly OutputParser Parser = new CompositeOutputParser(
        new MsBuildOutputParser(), new DotnetTestConsoleParser(), NodeValidator.Parser, new GoOutputParser(), new CargoOutputParser(),
        new MavenOutputParser(), new GradleOutputParser(), new JavacOutputParser(), new CMakeOutputParser(), new CTestOutputParser());

    /// <summary>Reads a pull request's failing checks and builds the feedback.</summary>
    /// <param name="github">The GitHub client.</param>
    /// <param name="pullRequest">Which pull request.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The feedback, or <see langword="null"/> when no check on the head failed (or each also fails on the base).</returns>
    /// <exception cref="GitHubApiException">GitHub could not be asked.</exception>
    public static async Task<CiFailureReport?> BuildAsync(GitHubClient github, GitHubPullRequestReference pullRequest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(github);
        ArgumentNullException.ThrowIfNull(pullRequest);
        var (owner, repo) = (pullRequest.Owner, pullRequest.Repository);
        var pull = await github.GetPullRequestAsync(owner, repo, pullRequest.Number, cancellationToken).ConfigureAwait(false);
        if (pull.Head?.Sha is not { } head)
        {
            return null;
        }

        var failing = (await github.ListCheckRunsAsync(owner, repo, head, cancellationToken).ConfigureAwait(false)).Where(r => r.Failed).ToList();
        if (failing.Count == 0)
        {
            return null;
        }

        var failingOnBase = pull.Base?.Sha is { } baseSha
            ? (await github.ListCheckRunsAsync(owner, repo, baseSha, cancellationToken).ConfigureAwait(false)).Where(r => r.Failed).Select(r => r.Name).ToHashSet(StringComparer.Ordinal)
            : [];
        var toFix = failing.Where(r => !failingOnBase.Contains(r.Name)).ToList();
        var notOurs = failing.Where(r => failingOnBase.Contains(r.Name)).Select(r => r.Name).ToList();
        if (toFix.Count == 0)
        {
            return new CiFailureReport(null, [], notOurs);
        }

        var text = new StringBuilder("The pull request's CI failed on ").Append(head.AsSpan(0, Math.Min(12, head.Length))).Append(":\n");
        foreach (var run in toFix)
        {
            text.Append("- ").Append(run.Name).Append(" (").Append(run.Conclusion).Append(")\n");
            foreach (var line in await FailuresAsync(github, owner, repo, run, cancellationToken).ConfigureAwait(false))
            {
                text.Append("  - ").Append(line).Append('\n');
            }
        }

        if (notOurs.Count > 0)
        {
            text.Append("Failing on the base branch as well (not this change's to fix): ").Append(string.Join(", ", notOurs)).Append('\n');
        }

        return new CiFailureReport(Cut(text.ToString()), [.. toFix.Select(r => r.Name)], notOurs);
    }

    /// <summary>The failures in a check's log, by the validators' parsers; the log's last lines when no parser knows it.</summary>
    private static async Task<IReadOnlyList<string>> FailuresAsync(GitHubClient github, string owner, string repo, GitHubCheckRun run, CancellationToken cancellationToken)
    {
        string log;
        try
        {
            log = await github.GetJobLogsAsync(owner, repo, run.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (GitHubApiException ex) when (ex.StatusCode is 404 or 410)
        {
            // Not an Actions job (external CI) or logs expired: the check's own output is what there is.
            log = string.Join('\n', new[] { run.OutputTitle, run.OutputSummary, run.OutputText }.Where(t => !string.IsNullOrWhiteSpace(t)));
        }

        var lines = OutputParser.SplitLines(log).Select(l => ActionsTimestamp().Replace(l, "")).ToList();
        var findings = Parser.Parse(string.Join('\n', lines));
        return findings.Count > 0
            ? [.. findings.Select(f => f.ToString().ReplaceLineEndings(" ")).Distinct(StringComparer.Ordinal).Take(20)]
            : [.. lines.Where(l => l.Length > 0).TakeLast(8)];
    }

    private static string Cut(string text)
    {
        if (Encoding.UTF8.GetByteCount(text) <= MaxBytes)
        {
            return text;
        }

        const string more = "\n…(cut to 2 KB)";
        var budget = MaxBytes - Encoding.UTF8.GetByteCount(more);
        var end = text.Length;
        while (Encoding.UTF8.GetByteCount(text.AsSpan(0, end)) > budget)
        {
            end -= Math.Max(1, (end - budget) / 2);
        }

        return text[..end] + more;
    }

    /// <summary>Each line of an Actions log starts with its time, e.g. <c>2026-01-02T03:04:05.1234567Z </c>.</summary>
    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z ")]
    private static partial Regex ActionsTimestamp();
}
