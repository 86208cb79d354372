using System.CommandLine;
using Honk.Campaigns;
using Honk.Cli.Campaigns;
using Honk.Cli.Running;
using Honk.Tasks;

namespace Honk.Cli.Commands;

/// <summary><c>honk campaign</c>: one task across many repositories — run, then status, report and the controls.</summary>
internal static class CampaignCommand
{
    private static readonly Option<string> FilePath = new("--file") { Description = "The campaign file (a task file plus targets, canary, waves, gate …; see docs/campaigns.md).", Required = true };
    private static readonly Option<string> Model = new("--model") { Description = "anthropic:<model> | openai:<model> | openai-compatible:<model>@<base-url> | script:<file>. Default: $HONK_MODEL or honk.json." };
    private static readonly Option<string> JudgeModel = new("--judge-model") { Description = "The LLM judge's model. Default: none for a script model, else the session's model." };
    private static readonly Option<string> Deliver = new("--deliver") { Description = "none | branch | patch | push | pr. Default: the file's delivery, else branch. pr opens one pull request per repository (needs $GITHUB_TOKEN and GitHub URLs as targets)." };
    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Run only the canary, deliver nothing, and report pass rate, cost and turns per repository." };
    private static readonly Option<string> Config = new("--config") { Description = "A honk.json file. Default: ./honk.json when present." };

    public static Command Create()
    {
        var command = new Command("campaign", "Run one task across many repositories: a canary first, then waves, gated on success, within a total budget.");
        command.Subcommands.Add(CreateRun());
        command.Subcommands.Add(CreateStart());
        foreach (var sub in CampaignControlCommands.Create())
        {
            command.Subcommands.Add(sub);
        }

        return command;
    }

    private static Command CreateRun()
    {
        var run = new Command("run", "Run a campaign and wait for it: on this machine, or on 'honk worker' processes with --broker and --store.")
        {
            FilePath, Model, JudgeModel, Deliver, DryRun, CampaignOptions.Json, CampaignOptions.State, CampaignOptions.Store, CampaignOptions.Broker, CampaignOptions.Queue, CampaignOptions.UnsafeNoSandbox, Config,
        };
        run.SetAction(RunAsync);
        return run;
    }

    private static Command CreateStart()
    {
        var start = new Command("start", "Start a campaign on a 'honk serve' host (--server, --api-key) and return; the host runs it with its own model, and its page shows the progress.")
        {
            FilePath, DryRun, CampaignOptions.Json, CampaignOptions.Server, CampaignOptions.ApiKey,
        };
        start.SetAction(StartAsync);
        return start;
    }

    private static async Task<int> StartAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var output = new CampaignOutput(parse.GetValue(CampaignOptions.Json));
        return await CampaignControlCommands.GuardAsync(output, async () =>
        {
            var server = parse.GetValue(CampaignOptions.Server)
                ?? throw new CliException("'honk campaign start' talks to a host: pass --server http://host:5080 (and --api-key or $HONK_API_KEY). To run a campaign on this machine, use 'honk campaign run'.");
            var path = parse.GetValue(FilePath)!;
            if (!File.Exists(path))
            {
                throw new CliException($"The campaign file '{path}' does not exist.");
            }

            // The host resolves the targets against its own allow-list (names of its repositories, allowed paths or URLs).
            string text;
            try
            {
                text = await CampaignFile.ReadTextAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (TaskFileException ex)
            {
                throw new CliException(ex.Message);
            }

            using var client = CampaignHostClient.Create(server, parse.GetValue(CampaignOptions.ApiKey));
            var (report, page) = await client.StartAsync(text, parse.GetValue(DryRun), cancellationToken).ConfigureAwait(false);
            output.Report(report);
            if (page is not null)
            {
                output.Status($"campaign {report.Campaign} started on {server}; follow it at {page}");
            }

            return CliExitCodes.Success;
        }).ConfigureAwait(false);
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var output = new CampaignOutput(parse.GetValue(CampaignOptions.Json));
        return await CampaignControlCommands.GuardAsync(output, async () =>
        {
            var cwd = Environment.CurrentDirectory;
            var storeText = parse.GetValue(CampaignOptions.Store);
            var broker = CampaignOptions.ParseBroker(parse.GetValue(CampaignOptions.Broker), storeText);
            var queue = CampaignOptions.ParseQueue(parse.GetValue(CampaignOptions.Queue), broker);
            var file = await LoadAsync(parse.GetValue(FilePath)!, checkTargets: broker is null, cancellationToken).ConfigureAwait(false);
            var config = HonkConfigFile.Load(parse.GetValue(Config), cwd);
            var model = ResolveModel(parse.GetValue(Model) ?? Environment.GetEnvironmentVariable("HONK_MODEL") ?? config.Model, "model", cwd)
                ?? throw new CliException("No model is configured. Pass --model (anthropic:<model>, openai:<model>, openai-compatible:<model>@<base-url> or script:<file>), or set HONK_MODEL, or put \"model\" in honk.json.");
            var judge = ResolveModel(parse.GetValue(JudgeModel) ?? Environment.GetEnvironmentVariable("HONK_JUDGE_MODEL") ?? config.JudgeModel, "judge model", cwd)
                ?? (model.StartsWith("script:", StringComparison.Ordinal) || config.NoJudge == true ? null : model);
            var dryRun = parse.GetValue(DryRun);

            var id = AgentSession.CreateId();
            var spec = CampaignPlan.Spec(file, id) with { Model = model, JudgeModel = judge, DryRun = dryRun, JobQueue = queue };
            var deliverText = parse.GetValue(Deliver) ?? config.Deliver;
            if (dryRun)
            {
                spec = spec with { Delivery = [] };
            }
            else if (deliverText is not null)
            {
                spec = spec with { Delivery = ToTaskDelivery(RunRequest.ParseDelivery(deliverText)) };
            }

            var folder = CampaignOptions.StateFolder(parse.GetValue(CampaignOptions.State));
            var composition = CampaignOptions.Composition(folder, parse.GetValue(CampaignOptions.UnsafeNoSandbox), model);
            if (spec.Delivery.Contains(TaskDelivery.PullRequest))
            {
                CheckPullRequests(file, composition, broker is not null, output);
            }

            var state = await CampaignState.OpenAsync(folder, storeText, cancellationToken).ConfigureAwait(false);
            await using (state.ConfigureAwait(false))
            {
                await state.Campaigns.CreateAsync(id, spec, CampaignPlan.Repositories(file), cancellationToken).ConfigureAwait(false);
                output.Status($"campaign {id}: {file.Targets.Count} repositories, canary {Math.Min(file.Canary, file.Targets.Count)}, {spec.WaveCount} waves, branch {spec.Branch}{(dryRun ? ", dry run" : "")}");
                var settings = new CampaignDriveSettings
                {
                    Broker = broker,
                    Composition = composition,
                };
                return await CampaignDriver.DriveAsync(state, id, settings, output, cancellationToken).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// A campaign delivering pull requests needs GitHub where its sessions run (here, unless workers run them); targets
    /// that name no GitHub repository are named now and end <c>failed</c> with the same words, while the rest go on.
    /// </summary>
    private static void CheckPullRequests(CampaignFile file, CampaignCompositionSettings composition, bool onWorkers, CampaignOutput output)
    {
        if (composition.GitHub is null && !onWorkers)
        {
            throw new CliException("The campaign delivers pull requests ('--deliver pr' or 'delivery: pr'), but no GitHub is configured: set GITHUB_TOKEN (a token that may push and open pull requests on every target), and GITHUB_API_URL for GitHub Enterprise. Or deliver with 'push'.");
        }

        var problems = file.Targets.Select(CampaignTargets.PullRequestProblem).OfType<string>().ToList();
        if (problems.Count == file.Targets.Count)
        {
            throw new CliException($"The campaign delivers pull requests, but none of its targets is a GitHub repository: {problems[0]}");
        }

        foreach (var problem in problems)
        {
            output.Status("no pull request possible: " + problem);
        }
    }

    private static async Task<CampaignFile> LoadAsync(string path, bool checkTargets, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"The campaign file '{path}' does not exist.");
        }

        CampaignFile file;
        try
        {
            file = await CampaignFile.LoadAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (TaskFileException ex)
        {
            throw new CliException(ex.Message.Replace("Invalid task file", "Invalid campaign file", StringComparison.Ordinal));
        }

        if (checkTargets)
        {
            var missing = file.Targets.Where(t => !CampaignTargets.IsUrl(t) && !Directory.Exists(t)).ToList();
            if (missing.Count > 0)
            {
                throw new CliException($"{missing.Count} target(s) of {path} do not exist: {string.Join(", ", missing.Take(5))}{(missing.Count > 5 ? ", …" : "")}. Give folders of git repositories or git URLs.");
            }
        }

        return file;
    }

    /// <summary>Checks a model string; a script's path is made absolute so workers elsewhere in the tree find it.</summary>
    private static string? ResolveModel(string? text, string what, string cwd)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var spec = RunRequest.ParseModel(text, what);
        if (!spec.IsScript)
        {
            return text.Trim();
        }

        var path = Path.GetFullPath(spec.ScriptPath!, cwd);
        if (!File.Exists(path))
        {
            throw new CliException($"The script '{spec.ScriptPath}' of the {what} does not exist (looked for {path}).");
        }

        return "script:" + path;
    }

    private static IReadOnlyList<TaskDelivery> ToTaskDelivery(DeliveryMode mode) => mode switch
    {
        DeliveryMode.None => [],
        DeliveryMode.Branch => [TaskDelivery.Branch],
        DeliveryMode.Patch => [TaskDelivery.Patch],
        DeliveryMode.Push => [TaskDelivery.Push],
        _ => [TaskDelivery.PullRequest],
    };
}
