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
        var root = new RootCommand("Honk: a background coding agent. Give it a repository and a task; it works in an isolated worktree, refuses to finish until the repository's checks pass, and delivers a branch, a patch or a pull request.");
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(PromptCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(CampaignCommand.Create());
        root.Subcommands.Add(WorkerCommand.Create());
        root.Subcommands.Add(McpCommand.Create());
        root.Subcommands.Add(PlanCommand.Create());

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
