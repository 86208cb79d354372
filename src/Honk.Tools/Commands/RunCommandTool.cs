using System.Globalization;
using System.Text;

namespace Honk.Tools;

/// <summary>
/// <c>run_command</c>: runs a shell command line in the sandbox when every program in it is on the allow-list, with a
/// time limit set by the host and the output capped (head and tail kept).
/// </summary>
public sealed class RunCommandTool : WorkspaceTool
{
    /// <summary>The tool's fixed name.</summary>
    public const string ToolName = "run_command";

    private readonly RunCommandOptions _options;
    private readonly CommandPolicy _policy;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the tool.</summary>
    /// <param name="options">The options; the defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    public RunCommandTool(RunCommandOptions? options = null, TimeProvider? timeProvider = null)
        : base(ToolName, Describe(options ??= new RunCommandOptions()), [Parameter(options)], readOnly: false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero, nameof(options));
        ArgumentNullException.ThrowIfNull(options.Sandbox, nameof(options));
        _options = options;
        _policy = new CommandPolicy(options.AllowedPrograms);
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    protected override async ValueTask<string> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var commandLine = invocation.GetString("command");
        if (string.IsNullOrWhiteSpace(commandLine))
        {
            throw new ToolException("run_command needs a command, e.g. \"dotnet test\" or \"rg -n TODO src\".");
        }

        _policy.Check(commandLine);
        var runner = invocation.Context.CommandRunner
            ?? new SandboxedCommandRunner(invocation.Workspace.RootPath, _options.Sandbox, _timeProvider);
        var request = new CommandRequest(_options.Shell, ["-c", commandLine]) { Timeout = _options.Timeout };
        CommandResult result;
        try
        {
            result = await runner.RunAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (SandboxUnavailableException e)
        {
            throw new ToolException($"run_command is unavailable on this host: {e.Message}", e);
        }

        return Format(result, _options.Timeout);
    }

    private static string Format(CommandResult result, TimeSpan timeout)
    {
        var text = new StringBuilder();
        if (result.TimedOut)
        {
            text.Append(CultureInfo.InvariantCulture, $"timed out after {ProcessExecution.Describe(timeout)}: the command was killed. Run something shorter or narrower.\n");
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $"exit code {result.ExitCode} ({ProcessExecution.Describe(result.Duration)})\n");
        }

        text.Append(result.Output.Length == 0 ? "(no output)" : result.Output);
        return text.ToString();
    }

    private static ToolParameter Parameter(RunCommandOptions options) => new(
        "command",
        "string",
        $"A shell command line, run with {Path.GetFileName(options.Shell)} in the repository root, e.g. \"dotnet test 2>&1 | tail -40\" "
        + "or \"rg -n 'TODO' src\". Pipes, &&, ||, ; and redirections work; every program must be on the allow-list.",
        Required: true);

    private static string Describe(RunCommandOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return "Runs a shell command in a sandbox over the repository: builds, tests, linters, and quick inspection "
            + $"(programs allowed: {string.Join(", ", options.AllowedPrograms.Order(StringComparer.Ordinal))}). "
            + "The repository is writable; everything else is read-only, there is no network and no access to secrets. "
            + $"Time limit {ProcessExecution.Describe(options.Timeout)}; long output keeps its first and last lines. "
            + "Use the git tool for git, and the file tools to read and edit files.";
    }
}
