using System.CommandLine;
using System.Text.RegularExpressions;
using Honk.Cli.Commands;
using Honk.Cli.Output;

namespace Honk.Cli;

/// <summary>The <c>honk</c> command.</summary>
internal static partial class Program
{
    public static async Task<int> Main(string[] args)
    {
        // Stopped on every way out (a recording the runtime writes at exit instead stays behind as the run's own
        // copy); kept for the next run unless the input was bad, whose recording is only the parsing.
        Running.JitProfile.Start(args);
        var exitCode = CliExitCodes.BadInput;
        try
        {
            exitCode = await RunAsync(args).ConfigureAwait(false);
            return exitCode;
        }
        finally
        {
            Running.JitProfile.Stop(keep: exitCode != CliExitCodes.BadInput);
        }
    }

    private static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Honk: a background coding agent. Give it a repository and a task; it works in an isolated worktree, refuses to finish until the repository's checks pass, and delivers a branch, a patch or a pull request.");
        foreach (var create in CommandsFor(args))
        {
            root.Subcommands.Add(create());
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // Usage errors are bad input like any other: a plain message, exit code 2, and JSON when asked for.
            var message = string.Join(" ", parse.Errors.Select(e => Friendly(e.Message)));
            var command = parse.CommandResult.Command == root ? "honk" : $"honk {CommandPath(parse.CommandResult)}";
            new CliOutput(args.Contains("--json"), verbose: false).WriteError($"{message} Run '{command} --help' for the options.");
            return CliExitCodes.BadInput;
        }

        return await parse.InvokeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Only the named command when the first argument names one (a <c>honk run</c> is a short process, and building
    /// every command loads and initializes the campaign, server and MCP assemblies it never uses); every command
    /// otherwise, so help, suggestions and errors for anything else are what they always were.
    /// </summary>
    internal static IEnumerable<Func<Command>> CommandsFor(IReadOnlyList<string> args)
    {
        (string Name, Func<Command> Create)[] commands =
        [
            ("run", RunCommand.Create),
            ("demo", DemoCommand.Create),
            ("prompt", PromptCommand.Create),
            ("serve", ServeCommand.Create),
            ("campaign", CampaignCommand.Create),
            ("worker", WorkerCommand.Create),
            ("mcp", McpCommand.Create),
            ("plan", PlanCommand.Create),
        ];
        var named = args.Count > 0 ? Array.FindIndex(commands, c => c.Name == args[0]) : -1;
        return named >= 0 ? [commands[named].Create] : commands.Select(c => c.Create);
    }

    /// <summary>"campaign run" for a subcommand of a subcommand, so the hint names the command the user typed.</summary>
    private static string CommandPath(System.CommandLine.Parsing.CommandResult result)
        => result.Parent is System.CommandLine.Parsing.CommandResult { Parent: not null } parent ? $"{CommandPath(parent)} {result.Command.Name}" : result.Command.Name;

    private static string Friendly(string message)
        => TypeName().Replace(message, m => m.Groups[1].Value switch
        {
            "Int32" or "Int64" => "a whole number",
            "Decimal" or "Double" => "a number",
            "Boolean" => "true or false",
            _ => "a value of the right kind",
        });

    [GeneratedRegex(@"'System\.(?:Nullable`1\[System\.)?(\w+)\]?'")]
    private static partial Regex TypeName();
}
