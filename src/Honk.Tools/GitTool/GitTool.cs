using System.Globalization;
using System.Text.Json;
using Honk.Git;

namespace Honk.Tools;

/// <summary>
/// <c>git</c>: a read-mostly subset of git (status, diff, log, show, blame, add, restore, rm, mv, commit …) in the
/// workspace root. It never pushes, fetches, changes configuration or leaves the session's branch; hooks, pagers,
/// editors, external diff and text conversion programs are off, and the host's git configuration and environment are
/// ignored. Commits carry the identity from <see cref="GitToolOptions"/>.
/// </summary>
public sealed class GitTool : WorkspaceTool
{
    /// <summary>The tool's fixed name.</summary>
    public const string ToolName = "git";

    // Command-line configuration wins over every config file, including one the model might have written.
    private static readonly KeyValuePair<string, string>[] Hardening =
    [
        new("core.hooksPath", "/dev/null"), new("core.pager", "cat"), new("core.editor", "true"), new("sequence.editor", "true"),
        new("core.fsmonitor", "false"), new("core.sshCommand", "false"), new("credential.helper", ""), new("protocol.allow", "never"),
        new("commit.gpgSign", "false"), new("tag.gpgSign", "false"), new("color.ui", "never"), new("core.quotePath", "false"),
    ];

    private readonly GitToolOptions _options;
    private readonly GitRunner _git;

    /// <summary>Creates the tool.</summary>
    /// <param name="options">The options; the defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    public GitTool(GitToolOptions? options = null, TimeProvider? timeProvider = null)
        : base(ToolName, ToolDescription, [ArgsParameter], readOnly: false)
    {
        _options = options ?? new GitToolOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.Timeout, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxOutputLines, 2, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxLineLength, 16, nameof(options));
        ArgumentException.ThrowIfNullOrWhiteSpace(_options.GitPath, nameof(options));
        _git = new GitRunner(
            new GitRunnerOptions
            {
                Executable = _options.GitPath,
                DefaultTimeout = _options.Timeout,
                Configuration = Hardening,
                Environment = CreateEnvironment(_options),
            },
            timeProvider);
    }

    private static string ToolDescription =>
        "Runs git in the repository: status, diff, log, show, blame, grep, ls-files, rev-parse, describe, shortlog, "
        + "add, restore, rm, mv, commit, reset (not --hard), branch listing. The session works on its own branch; "
        + "push, fetch, pull, remote, config, clean and stash are not available (Honk delivers the change itself).";

    private static ToolParameter ArgsParameter => new(
        "args",
        "string",
        "The git arguments after 'git', e.g. \"status --short\", \"diff HEAD~1 -- src\", \"log --oneline -n 10\" or "
        + "\"commit -am 'Fix parser'\". Quote words with spaces (one string, not an array).",
        Required: true);

    /// <inheritdoc />
    protected override async ValueTask<string> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var args = ReadArguments(invocation);
        var root = invocation.Fence.RootPath;
        var sessionBranch = invocation.Workspace.Branch;
        var check = GitArgumentPolicy.Check(args, root, sessionBranch);
        GitDirectoryGuard.Check(root);
        GitDirectoryGuard.CheckNoNestedRepositories(root);
        if (check.MustBeOnSessionBranch && sessionBranch is not null)
        {
            var head = await RunGitAsync(root, ["symbolic-ref", "--quiet", "--short", "HEAD"], cancellationToken).ConfigureAwait(false);
            var current = head.ExitCode == 0 ? $"'{head.Output.Trim()}'" : "a detached HEAD";
            if (current != $"'{sessionBranch}'")
            {
                throw GitArgumentPolicy.NotOnSessionBranch(check.Subcommand, sessionBranch, current);
            }
        }

        var result = await RunGitAsync(root, WithSafeDefaults(check.Subcommand, args), cancellationToken).ConfigureAwait(false);
        if (result.TimedOut)
        {
            throw new ToolException($"git {check.Subcommand} did not finish within {ProcessExecution.Describe(_options.Timeout)} and was stopped.\n{result.Output}");
        }

        if (result.ExitCode != 0)
        {
            throw new ToolException(string.Create(CultureInfo.InvariantCulture, $"git {check.Subcommand} failed (exit code {result.ExitCode}):\n{result.Output}"));
        }

        return result.Output.Length == 0 ? $"git {check.Subcommand}: done (no output)." : result.Output;
    }

    private static List<string> ReadArguments(ToolInvocation invocation)
    {
        invocation.Arguments.TryGetValue("args", out var raw);
        var args = raw switch
        {
            string text => GitArgumentSplitter.Split(text),
            JsonElement { ValueKind: JsonValueKind.String } element => GitArgumentSplitter.Split(element.GetString() ?? ""),
            _ => invocation.GetOptionalStringArray("args")?.ToList() ?? [],
        };

        // Models often repeat the program name.
        if (args.Count > 0 && args[0] == "git")
        {
            args.RemoveAt(0);
        }

        return args;
    }

    private static List<string> WithSafeDefaults(string subcommand, List<string> args)
    {
        // External diff and textconv drivers are programs named by configuration and .gitattributes.
        var extra = subcommand switch
        {
            "diff" or "show" or "log" => (string[])["--no-ext-diff", "--no-textconv"],
            "blame" => ["--no-textconv"],
            _ => [],
        };
        return [subcommand, .. extra, .. args.Skip(1)];
    }

    private async Task<GitToolResult> RunGitAsync(string root, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var capture = new OutputCapture(_options.MaxOutputLines, _options.MaxLineLength);
        var command = new GitCommand(root, args)
        {
            // git never looks for a repository above the workspace.
            Environment = new Dictionary<string, string> { ["GIT_CEILING_DIRECTORIES"] = Path.GetDirectoryName(root) ?? "/" },
            Observer = new CaptureObserver(capture),
        };
        try
        {
            var result = await _git.RunAsync(command, cancellationToken).ConfigureAwait(false);
            return new GitToolResult(result.ExitCode, capture.ToString(), TimedOut: false);
        }
        catch (GitException e) when (e.TimedOut)
        {
            capture.AppendLine($"[honk] time limit of {ProcessExecution.Describe(_options.Timeout)} exceeded: the command and all its processes were killed.");
            return new GitToolResult(-1, capture.ToString(), TimedOut: true);
        }
        catch (GitException e)
        {
            throw new InvalidOperationException($"git could not be started ('{_options.GitPath}'): {e.InnerException?.Message ?? e.Message}", e);
        }
    }

    // Nothing of the host reaches git: its GIT_DIR, GIT_WORK_TREE, GIT_CONFIG_*, credentials and tokens stay out.
    private static Dictionary<string, string> CreateEnvironment(GitToolOptions options)
    {
        var environment = GitEnvironment.Isolated();
        environment["GIT_EDITOR"] = "true";
        environment["GIT_SEQUENCE_EDITOR"] = "true";
        environment["GIT_PAGER"] = "cat";
        environment["PAGER"] = "cat";
        environment["GIT_AUTHOR_NAME"] = options.AuthorName;
        environment["GIT_AUTHOR_EMAIL"] = options.AuthorEmail;
        environment["GIT_COMMITTER_NAME"] = options.AuthorName;
        environment["GIT_COMMITTER_EMAIL"] = options.AuthorEmail;
        return environment;
    }

    private sealed record GitToolResult(int ExitCode, string Output, bool TimedOut);

    /// <summary>Feeds git's output, in arrival order, into the bounded capture the model reads.</summary>
    private sealed class CaptureObserver(OutputCapture capture) : IGitOutputObserver
    {
        public bool OnOutput(GitOutputStream stream, ReadOnlySpan<char> chunk)
        {
            capture.Append((int)stream, chunk);
            return true;
        }

        public void OnCompleted(GitOutputStream stream) => capture.Complete((int)stream);
    }
}
