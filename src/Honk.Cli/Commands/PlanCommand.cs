using System.CommandLine;
using Honk.Cli.Output;
using Honk.Cli.Running;
using Honk.Git;
using Honk.Planning;
using Honk.Transcripts;
using Honk.Workspaces.Git;
using Microsoft.Extensions.DependencyInjection;

namespace Honk.Cli.Commands;

/// <summary>
/// <c>honk plan</c>: a short conversation in the terminal that turns a one-line request into a task file. A read-only
/// planning session reads the repository, asks at most a few questions, shows the draft; on approval the file is
/// written and, with <c>--run</c>, handed to <c>honk run</c>.
/// </summary>
internal static class PlanCommand
{
    private static readonly Option<string> Repo = new("--repo") { Description = "The repository: a local path or a git URL.", Required = true };
    private static readonly Option<string> TaskText = new("--task") { Description = "The request, in a line.", Required = true };
    private static readonly Option<string> Model = new("--model") { Description = "The planning model: anthropic:<model> | openai:<model> | openai-compatible:<model>@<base-url> | script:<file>. Default: $HONK_MODEL or honk.json." };
    private static readonly Option<string> Out = new("--out") { Description = "Where to write the task file. Default: task.md in the current folder." };
    private static readonly Option<bool> Run = new("--run") { Description = "After the task file is written, run it (honk run --task-file)." };
    private static readonly Option<string> RunModel = new("--run-model") { Description = "The model of the run started by --run. Default: --model." };
    private static readonly Option<string> Deliver = new("--deliver") { Description = "The delivery of the run started by --run (none | branch | patch | push | pr)." };
    private static readonly Option<int?> MaxQuestions = new("--max-questions") { Description = "Most questions the planner may ask (default 3)." };
    private static readonly Option<bool> Force = new("--force") { Description = "Overwrite --out when it exists." };
    private static readonly Option<string> Config = new("--config") { Description = "A honk.json file. Default: ./honk.json when present." };
    private static readonly Option<string> Transcripts = new("--transcripts") { Description = "Folder for the planning session's transcript. Default: ~/.local/state/honk/transcripts." };

    public static Command Create()
    {
        var command = new Command("plan", "Turn a one-line request into a task file through a short conversation (read-only), then optionally run it.")
        {
            Repo, TaskText, Model, Out, Run, RunModel, Deliver, MaxQuestions, Force, Config, Transcripts,
        };
        command.SetAction(ExecuteAsync);
        return command;
    }

    private static async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var output = new CliOutput(json: false, verbose: false);
        try
        {
            var cwd = Environment.CurrentDirectory;
            var config = HonkConfigFile.Load(parse.GetValue(Config), cwd);
            var (repository, _) = RunRequest.ResolveRepository(parse.GetValue(Repo)!, cwd);
            var request = parse.GetValue(TaskText);
            if (string.IsNullOrWhiteSpace(request))
            {
                throw new CliException("The request is empty: say in a line what you want, e.g. --task \"the cart total must not crash when the cart is empty\".");
            }

            var modelText = First(parse.GetValue(Model), Environment.GetEnvironmentVariable("HONK_MODEL"), config.Model)
                ?? throw new CliException("No model is configured. Pass --model (anthropic:<model>, openai:<model>, openai-compatible:<model>@<base-url> or script:<file>), or set HONK_MODEL, or put \"model\" in honk.json.");
            var model = RunRequest.ParseModel(modelText, "model");
            var destination = Path.GetFullPath(parse.GetValue(Out) ?? "task.md", cwd);
            if (File.Exists(destination) && !parse.GetValue(Force))
            {
                throw new CliException($"{destination} already exists: choose another --out, or pass --force to overwrite it.");
            }

            var maxQuestions = parse.GetValue(MaxQuestions) ?? 3;
            if (maxQuestions < 0)
            {
                throw new CliException("--max-questions must be 0 or more.");
            }

            var transcripts = First(parse.GetValue(Transcripts), config.Transcripts) is { } t ? Path.GetFullPath(t, cwd) : RunRequest.DefaultStateDirectory("transcripts");
            var result = await PlanAsync(repository, request, model, maxQuestions, transcripts, destination, output, cancellationToken).ConfigureAwait(false);
            if (result.Draft is null)
            {
                Console.Out.WriteLine(result.Session.Status == SessionStatus.Failed
                    ? TerminalText.Printable($"Planning failed: {result.Session.Message}")
                    : "No task file was written.");
                return result.Session.Status == SessionStatus.Failed ? CliExitCodes.SessionFailed : CliExitCodes.Cancelled;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            await File.WriteAllTextAsync(destination, result.Draft, cancellationToken).ConfigureAwait(false);
            Console.Out.WriteLine(TerminalText.Printable($"Wrote {destination}"));
            if (!parse.GetValue(Run))
            {
                Console.Out.WriteLine(TerminalText.Printable($"Run it with: honk run --repo {parse.GetValue(Repo)} --task-file {destination}"));
                return CliExitCodes.Success;
            }

            var run = new List<string> { "--repo", parse.GetValue(Repo)!, "--task-file", destination, "--model", First(parse.GetValue(RunModel), modelText)! };
            if (parse.GetValue(Deliver) is { } deliver)
            {
                run.AddRange(["--deliver", deliver]);
            }

            if (parse.GetValue(Config) is { } configPath)
            {
                run.AddRange(["--config", configPath]);
            }

            Console.Out.WriteLine(TerminalText.Printable("Starting: honk run " + string.Join(' ', run)));
            return await RunCommand.Create().Parse([.. run]).InvokeAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (CliException ex)
        {
            output.WriteError(ex.Message);
            return CliExitCodes.BadInput;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            output.WriteError("Planning was cancelled; nothing was written.");
            return CliExitCodes.Cancelled;
        }
    }

    private static async Task<PlanningResult> PlanAsync(string repository, string request, Models.ModelSpec model, int maxQuestions, string transcripts, string destination, CliOutput output, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddHonk(o => o.ModelChosenPerSession = true)
            .AddHonkDefaults(d => d.AllowUnsandboxed = true)
            .WithModelFactory(new CliModelFactory());
        var provider = services.BuildServiceProvider();
        await using (provider.ConfigureAwait(false))
        {
            var sessionId = AgentSession.CreateId();
            output.Status($"Reading {repository}");
            GitWorkspace workspace;
            try
            {
                workspace = await provider.GetRequiredService<GitWorkspaceProvider>().AcquireGitWorkspaceAsync(
                    new WorkspaceRequest(repository, sessionId) { Label = SecretRedactor.CreateForNames().Redact("plan " + request) }, cancellationToken).ConfigureAwait(false);
            }
            catch (GitException ex)
            {
                throw new CliException($"Could not open the repository '{repository}': {ex.Message}");
            }

            await using (workspace.ConfigureAwait(false))
            {
                var run = new HonkRunOptions { SessionId = sessionId, ModelSpec = model, Transcript = new TranscriptOptions { Directory = transcripts } };
                var conversation = new ConsolePlanningConversation(Console.In, Console.Out, destination);
                return await provider.GetRequiredService<HonkAgent>().PlanAsync(request, workspace, conversation, new PlanningOptions { MaxQuestions = maxQuestions }, run, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static string? First(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
