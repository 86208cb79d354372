using System.CommandLine;
using System.Globalization;
using Honk.Cli.Output;
using Honk.Cli.Running;
using Honk.Tasks;

namespace Honk.Cli.Commands;

/// <summary><c>honk run</c>: the fixed surface of the architecture document, plus a few documented extras.</summary>
internal static class RunCommand
{
    private static readonly Option<string> Repo = new("--repo") { Description = "The repository: a local path or a git URL (file://, git://, https://, ssh).", Required = true };
    private static readonly Option<string> TaskText = new("--task") { Description = "What to do, as the end state you want." };
    private static readonly Option<string> TaskFilePath = new("--task-file") { Description = "A task file (Markdown with front matter; see docs/task-files.md)." };
    private static readonly Option<string> Model = new("--model") { Description = "anthropic:<model> | openai:<model> | openai-compatible:<model>@<base-url> | script:<file>. Default: $HONK_MODEL or honk.json." };
    private static readonly Option<string> JudgeModel = new("--judge-model") { Description = "The model of the LLM judge. Default: the session's model (none for a script model)." };
    private static readonly Option<bool> NoJudge = new("--no-judge") { Description = "Do not run the LLM judge (guards still run)." };
    private static readonly Option<string> Deliver = new("--deliver") { Description = "none | branch | patch | push | pr. Default: branch for a local path, patch for a URL." };
    private static readonly Option<string> Branch = new("--branch") { Description = "The branch name. Default: honk/<slug>-<id>." };
    private static readonly Option<string> Base = new("--base") { Description = "The branch, tag or commit to start from. Default: the repository's default branch (its HEAD)." };
    private static readonly Option<int?> MaxTurns = new("--max-turns") { Description = "Most model turns (default 50)." };
    private static readonly Option<decimal?> BudgetUsd = new("--budget-usd") { Description = "Most US dollars to spend (default 5)." };
    private static readonly Option<double?> TimeoutMinutes = new("--timeout-minutes") { Description = "Most minutes of wall time (default 30)." };
    private static readonly Option<bool> Json = new("--json") { Description = "Print exactly one JSON object with the result on stdout, nothing else." };
    private static readonly Option<bool> Verbose = new("--verbose") { Description = "Show more detail, and stack traces of unexpected errors." };
    private static readonly Option<string> Config = new("--config") { Description = "A honk.json file. Default: ./honk.json when present." };
    private static readonly Option<string> Transcripts = new("--transcripts") { Description = "Folder for JSONL transcripts. Default: ~/.local/state/honk/transcripts." };
    private static readonly Option<string> Otel = new("--otel") { Description = "Trace the session: 'console' prints its span tree on stderr; an http(s) URL sends traces and metrics to an OpenTelemetry collector (OTLP/HTTP)." };
    private static readonly Option<bool> UnsafeNoSandbox = new("--unsafe-no-sandbox") { Description = "Run commands without bubblewrap when it is unavailable. Dangerous." };

    public static Command Create()
    {
        var command = new Command("run", "Run a coding task on a repository and deliver the result.")
        {
            Repo, TaskText, TaskFilePath, Model, JudgeModel, NoJudge, Deliver, Branch, Base, MaxTurns, BudgetUsd, TimeoutMinutes, Json, Verbose, Config, Transcripts, Otel, UnsafeNoSandbox,
        };
        command.SetAction(ExecuteAsync);
        return command;
    }

    private static async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        // The host's toolchain folders (PATH, package caches, NuGet's settings files when they name package folders)
        // are read once per process for the sandbox the composition configures: reading them now, beside the option
        // parsing and the composition, takes that read off the main path.
        _ = Task.Run(() => Tools.ToolchainFolders.Host, CancellationToken.None);

        // The CLI's redactor (its patterns and the host's secrets) is built once per process, first for the workspace's
        // label at the acquire: building it here, beside the option parsing, takes it off the acquire's path.
        _ = Task.Run(() => TerminalText.Redact(null), CancellationToken.None);
        _ = Task.Run(Git.GitRepositoryOperations.Preload, CancellationToken.None);
        var output = new CliOutput(parse.GetValue(Json), parse.GetValue(Verbose));
        try
        {
            var request = await BuildRequestAsync(parse, cancellationToken).ConfigureAwait(false);
            using var telemetry = CliTelemetry.Start(parse.GetValue(Otel));

            // The options are all read; a model that cannot be made is the user's to fix before anything is cloned or checked out.
            ModelFactory.Check(request.Model);
            if (request.JudgeModel is { } judge)
            {
                ModelFactory.Check(judge);
            }

            var result = await CliSession.RunAsync(request with { Traced = telemetry is not null }, output, output.WriteResult, cancellationToken).ConfigureAwait(false);
            return CliExitCodes.For(result.Status);
        }
        catch (CliException ex)
        {
            output.WriteError(ex.Message);
            return CliExitCodes.BadInput;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            output.WriteError("Cancelled before the session started.");
            return CliExitCodes.Cancelled;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            output.WriteUnexpected(ex);
            return CliExitCodes.SessionFailed;
        }
    }

    private static async Task<RunRequest> BuildRequestAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var cwd = Environment.CurrentDirectory;
        var config = HonkConfigFile.Load(parse.GetValue(Config), cwd);
        var (repository, isLocal) = RunRequest.ResolveRepository(parse.GetValue(Repo)!, cwd);
        var taskFile = await LoadTaskAsync(parse.GetValue(TaskText), parse.GetValue(TaskFilePath), cancellationToken).ConfigureAwait(false);

        var modelText = FirstNonEmpty(parse.GetValue(Model), Environment.GetEnvironmentVariable("HONK_MODEL"), config.Model)
            ?? throw new CliException("No model is configured. Pass --model (anthropic:<model>, openai:<model>, openai-compatible:<model>@<base-url> or script:<file>), or set HONK_MODEL, or put \"model\" in honk.json. To try Honk without a key, run: honk demo");
        var model = RunRequest.ParseModel(modelText, "model");
        var noJudge = parse.GetValue(NoJudge) || config.NoJudge == true;
        var judgeText = FirstNonEmpty(parse.GetValue(JudgeModel), Environment.GetEnvironmentVariable("HONK_JUDGE_MODEL"), config.JudgeModel);
        var judge = noJudge ? null
            : judgeText is not null ? RunRequest.ParseModel(judgeText, "judge model")
            : model.Provider == Models.ModelSpec.ScriptProvider ? null : model;

        var deliverText = FirstNonEmpty(parse.GetValue(Deliver), config.Deliver)
            ?? (taskFile.Delivery is { } fromTask ? fromTask.ToWireName() : null);
        var deliver = deliverText is null ? (isLocal ? DeliveryMode.Branch : DeliveryMode.Patch) : RunRequest.ParseDelivery(deliverText);

        // Defaults, then the task file's budget, then options and honk.json: the most specific setting wins.
        var budget = Override(Budget.Default, taskFile.Task.Budget);
        budget = budget with
        {
            MaxTurns = Positive(parse.GetValue(MaxTurns) ?? config.MaxTurns, "--max-turns") ?? budget.MaxTurns,
            MaxCostUsd = Positive(parse.GetValue(BudgetUsd) ?? config.BudgetUsd, "--budget-usd") ?? budget.MaxCostUsd,
            MaxWallTime = Positive(parse.GetValue(TimeoutMinutes) ?? config.TimeoutMinutes, "--timeout-minutes") is { } minutes ? TimeSpan.FromMinutes(minutes) : budget.MaxWallTime,
        };

        var prices = Models.ModelPriceTable.Default;
        foreach (var (name, price) in config.Prices ?? new Dictionary<string, HonkConfigFile.PriceSetting>())
        {
            prices = prices.With(name, new Models.ModelPrice(price.Input, price.Output) { CachedInputPerMillion = price.CachedInput, CacheWriteInputPerMillion = price.CacheWriteInput });
        }

        IReadOnlyList<Mcp.McpServerDefinition> mcpServers = [];
        if (config.McpServers is { } servers)
        {
            try
            {
                mcpServers = Mcp.McpServerConfiguration.Read(servers);
            }
            catch (FormatException ex)
            {
                throw new CliException($"honk.json: {ex.Message}");
            }
        }

        return new RunRequest
        {
            McpServers = mcpServers,
            Repository = repository,
            RepositoryIsLocal = isLocal,
            Task = taskFile.Task with { Budget = null },
            Model = model,
            JudgeModel = judge,
            Deliver = deliver,
            Branch = FirstNonEmpty(parse.GetValue(Branch), taskFile.Branch),
            BaseRef = FirstNonEmpty(parse.GetValue(Base)),
            Budget = budget,
            TranscriptDirectory = FirstNonEmpty(parse.GetValue(Transcripts), config.Transcripts) is { } t ? Path.GetFullPath(t, cwd) : RunRequest.DefaultStateDirectory("transcripts"),
            PatchDirectory = config.PatchDirectory is { } p ? Path.GetFullPath(p, cwd) : cwd,
            AllowUnsandboxed = parse.GetValue(UnsafeNoSandbox),
            AllowNetworkForValidators = config.AllowNetworkForValidators ?? true,
            AllowedPrograms = config.AllowedPrograms,
            Prices = prices,
            GitHubRepository = config.GitHubRepository,
            GitHubApiUrl = config.GitHubApiUrl,
        };
    }

    private static async Task<TaskFile> LoadTaskAsync(string? text, string? path, CancellationToken cancellationToken)
    {
        if (text is not null && path is not null)
        {
            throw new CliException("Give either --task or --task-file, not both.");
        }

        if (path is not null)
        {
            if (!File.Exists(path))
            {
                throw new CliException($"The task file '{path}' does not exist.");
            }

            try
            {
                return await TaskFile.LoadAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (TaskFileException ex)
            {
                throw new CliException(ex.Message);
            }
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new CliException(text is null
                ? "No task given: pass --task \"<what the repository should look like when done>\" or --task-file <file>."
                : "The task is empty: describe the end state you want, e.g. --task \"sum() adds every value\".");
        }

        return TaskFile.FromGoal(text);
    }

    private static Budget Override(Budget defaults, Budget? specific) => specific is null ? defaults : new Budget
    {
        MaxTurns = specific.MaxTurns ?? defaults.MaxTurns,
        MaxInputTokens = specific.MaxInputTokens ?? defaults.MaxInputTokens,
        MaxOutputTokens = specific.MaxOutputTokens ?? defaults.MaxOutputTokens,
        MaxCostUsd = specific.MaxCostUsd ?? defaults.MaxCostUsd,
        MaxWallTime = specific.MaxWallTime ?? defaults.MaxWallTime,
        MaxToolCalls = specific.MaxToolCalls ?? defaults.MaxToolCalls,
    };

    private static T? Positive<T>(T? value, string name)
        where T : struct, IComparable<T>
    {
        if (value is { } v && v.CompareTo(default) <= 0)
        {
            throw new CliException($"{name} must be greater than zero (got {Convert.ToString(v, CultureInfo.InvariantCulture)}).");
        }

        return value;
    }

    private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
