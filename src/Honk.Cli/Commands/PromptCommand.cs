using Honk.Cli.Output;
using System.CommandLine;
using Honk.Cli.Running;
using Honk.Prompting;
using Honk.Tasks;
using Honk.Tools;

namespace Honk.Cli.Commands;

/// <summary><c>honk prompt</c>: prints the instructions the agent would receive, with their token estimate, without running anything.</summary>
internal static class PromptCommand
{
    private static readonly Option<string> Repo = new("--repo") { Description = "A local repository folder.", Required = true };
    private static readonly Option<string> TaskText = new("--task") { Description = "The task text." };
    private static readonly Option<string> TaskFilePath = new("--task-file") { Description = "A task file." };

    public static Command Create()
    {
        var command = new Command("prompt", "Print the assembled prompt for a task on a repository, and its estimated token count.") { Repo, TaskText, TaskFilePath };
        command.SetAction(ExecuteAsync);
        return command;
    }

    private static async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        try
        {
            var (repository, isLocal) = RunRequest.ResolveRepository(parse.GetValue(Repo)!, Environment.CurrentDirectory);
            if (!isLocal)
            {
                throw new CliException("honk prompt reads a local folder: give a path, not a URL.");
            }

            var text = parse.GetValue(TaskText);
            var file = parse.GetValue(TaskFilePath);
            if ((text is null) == (file is null))
            {
                throw new CliException("Give exactly one of --task or --task-file.");
            }

            TaskFile task;
            try
            {
                task = file is not null
                    ? (File.Exists(file) ? await TaskFile.LoadAsync(file, cancellationToken).ConfigureAwait(false) : throw new CliException($"The task file '{file}' does not exist."))
                    : (string.IsNullOrWhiteSpace(text) ? throw new CliException("The task is empty.") : TaskFile.FromGoal(text));
            }
            catch (TaskFileException ex)
            {
                throw new CliException(ex.Message);
            }

            var tools = BuiltInTools.Create().Cast<Microsoft.Extensions.AI.AITool>().Append(new ReportNotApplicableTool()).ToList();
            var prompt = await new PromptBuilder().BuildAsync(new PromptRequest(task.Task) { RepositoryRoot = repository, Tools = tools }, cancellationToken).ConfigureAwait(false);
            Console.WriteLine(TerminalText.Printable(prompt.ToReviewText()));
            return CliExitCodes.Success;
        }
        catch (CliException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return CliExitCodes.BadInput;
        }
    }
}
