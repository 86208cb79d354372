using Honk.Cli.Output;
using System.CommandLine;
using System.Globalization;
using Honk.Campaigns;
using Honk.Cli.Campaigns;

namespace Honk.Cli.Commands;

/// <summary>
/// <c>honk campaign status|report|approve|pause|resume|cancel|retry</c>, against the campaigns of this machine's state
/// folder, of a PostgreSQL store, or of a host (<c>--server</c>).
/// </summary>
internal static class CampaignControlCommands
{
    private static readonly Option<string> OptionalCampaign = new("--campaign") { Description = "The campaign's id; without it, list the campaigns." };
    private static readonly Option<int?> Wave = new("--wave") { Description = "The wave to approve. Default: the next wave with repositories not started." };

    public static IEnumerable<Command> Create()
    {
        yield return Make("status", "Show a campaign's progress, or list the campaigns.", StatusAsync, OptionalCampaign);
        yield return Make("report", "Print a campaign's rollup: counts by status and by failure mode, cost, one line per repository.", ReportAsync, CampaignOptions.Campaign);
        yield return Make("approve", "Approve the next wave (also past a gate that held it); then resume.", ApproveAsync, CampaignOptions.Campaign, Wave);
        yield return Make("pause", "Ask a running campaign to start no more sessions.", (p, o, s, c) => RequestAsync(p, o, s, CampaignRequests.Pause, c), CampaignOptions.Campaign);
        yield return Make("cancel", "Cancel a campaign: repositories not started are skipped.", (p, o, s, c) => RequestAsync(p, o, s, CampaignRequests.Cancel, c), CampaignOptions.Campaign);
        yield return Make("resume", "Drive a paused campaign on (after approve, or a pause), and wait.", (p, o, s, c) => DriveAsync(p, o, s, retry: false, c), CampaignOptions.Campaign, CampaignOptions.Broker, CampaignOptions.UnsafeNoSandbox);
        yield return Make("retry", "Run the repositories that failed (or were skipped) again, and wait.", (p, o, s, c) => DriveAsync(p, o, s, retry: true, c), CampaignOptions.Campaign, CampaignOptions.Broker, CampaignOptions.UnsafeNoSandbox);
    }

    /// <summary>Bad input is exit code 2 with a plain message (and a JSON error object with --json), like <c>honk run</c>.</summary>
    public static async Task<int> GuardAsync(CampaignOutput output, Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (CliException ex)
        {
            output.Error(ex.Message);
            return CliExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            output.Error("Cancelled; the campaign stays in its store and can be resumed.");
            return CliExitCodes.Cancelled;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            output.Error($"Something unexpected went wrong: {ex.GetType().Name}: {ex.Message}");
            return CliExitCodes.SessionFailed;
        }
    }

    private static Command Make(string name, string description, Func<ParseResult, CampaignOutput, CampaignState, CancellationToken, Task<int>> action, params Option[] options)
    {
        var command = new Command(name, description);
        foreach (var option in options.Concat([CampaignOptions.Json, CampaignOptions.State, CampaignOptions.Store, CampaignOptions.Server, CampaignOptions.ApiKey]))
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = new CampaignOutput(parse.GetValue(CampaignOptions.Json));
            return await GuardAsync(output, async () =>
            {
                if (parse.GetValue(CampaignOptions.Server) is { } server)
                {
                    using var client = CampaignHostClient.Create(server, parse.GetValue(CampaignOptions.ApiKey));
                    return await RemoteAsync(name, parse, output, client, cancellationToken).ConfigureAwait(false);
                }

                var state = await CampaignState.OpenAsync(parse.GetValue(CampaignOptions.State), parse.GetValue(CampaignOptions.Store), cancellationToken).ConfigureAwait(false);
                await using (state.ConfigureAwait(false))
                {
                    return await action(parse, output, state, cancellationToken).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>The same command against a host: it drives the campaign, so resume and retry return at once.</summary>
    private static async Task<int> RemoteAsync(string name, ParseResult parse, CampaignOutput output, CampaignHostClient client, CancellationToken cancellationToken)
    {
        if (name == "status" && parse.GetValue(OptionalCampaign) is null)
        {
            var list = await client.ListAsync(cancellationToken).ConfigureAwait(false);
            if (output.Json)
            {
                Console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(list, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                foreach (var c in list.GetProperty("campaigns").EnumerateArray())
                {
                    Console.Out.WriteLine(TerminalText.Printable($"{c.GetProperty("campaign").GetString()}  {c.GetProperty("status").GetString(),-9}  {c.GetProperty("name").GetString()}  {c.GetProperty("message").GetString()}"));
                }
            }

            return CliExitCodes.Success;
        }

        var id = parse.GetValue(OptionalCampaign) ?? parse.GetValue(CampaignOptions.Campaign)!;
        var (report, page) = name is "status" or "report"
            ? await client.ReportAsync(id, cancellationToken).ConfigureAwait(false)
            : await client.ActAsync(id, name, name == "approve" ? parse.GetValue(Wave) : null, cancellationToken).ConfigureAwait(false);
        output.Report(report);
        if (page is not null)
        {
            output.Status($"page: {page}");
        }

        return name == "report" ? CampaignDriver.ExitCode(report) : CliExitCodes.Success;
    }

    private static async Task<int> StatusAsync(ParseResult parse, CampaignOutput output, CampaignState state, CancellationToken cancellationToken)
    {
        if (parse.GetValue(OptionalCampaign) is { } id)
        {
            output.Report(await ReportOfAsync(state, id, cancellationToken).ConfigureAwait(false));
            return CliExitCodes.Success;
        }

        var campaigns = await state.Campaigns.ListAsync(50, cancellationToken).ConfigureAwait(false);
        if (output.Json)
        {
            Console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(
                new { campaigns = campaigns.Select(c => new { campaign = c.Id, name = c.Spec.Name, status = c.Status, message = c.Message, createdAt = c.CreatedAt }) },
                new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        }
        else
        {
            foreach (var c in campaigns)
            {
                Console.Out.WriteLine(TerminalText.Printable(string.Create(CultureInfo.InvariantCulture, $"{c.Id}  {c.Status,-9}  {c.Spec.Name}  {c.Message}")));
            }

            if (campaigns.Count == 0)
            {
                Console.Out.WriteLine("No campaigns yet: start one with 'honk campaign run --file <campaign.md>'.");
            }
        }

        return CliExitCodes.Success;
    }

    private static async Task<int> ReportAsync(ParseResult parse, CampaignOutput output, CampaignState state, CancellationToken cancellationToken)
    {
        var report = await ReportOfAsync(state, parse.GetValue(CampaignOptions.Campaign)!, cancellationToken).ConfigureAwait(false);
        output.Report(report);
        return CampaignDriver.ExitCode(report);
    }

    private static async Task<int> ApproveAsync(ParseResult parse, CampaignOutput output, CampaignState state, CancellationToken cancellationToken)
    {
        var id = parse.GetValue(CampaignOptions.Campaign)!;
        var repositories = await state.Campaigns.ListRepositoriesAsync(id, cancellationToken).ConfigureAwait(false);
        var next = repositories.Where(r => r.Status == CampaignStatus.Pending).Select(r => (int?)r.Wave).Min();
        var wave = parse.GetValue(Wave) ?? next ?? throw new CliException($"Campaign '{id}' has no wave left to approve.");
        if (!await state.Campaigns.ApproveAsync(id, wave, cancellationToken).ConfigureAwait(false))
        {
            throw new CliException($"There is no campaign '{id}'.");
        }

        output.Status(string.Create(CultureInfo.InvariantCulture, $"Wave {wave} of {id} approved; continue with 'honk campaign resume --campaign {id}'."));
        output.Report(await ReportOfAsync(state, id, cancellationToken).ConfigureAwait(false));
        return CliExitCodes.Success;
    }

    private static async Task<int> RequestAsync(ParseResult parse, CampaignOutput output, CampaignState state, string request, CancellationToken cancellationToken)
    {
        var id = parse.GetValue(CampaignOptions.Campaign)!;
        var campaign = await state.Campaigns.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new CliException($"There is no campaign '{id}'.");
        if (campaign.Status == CampaignStatus.Running)
        {
            await state.Campaigns.RequestAsync(id, request, cancellationToken).ConfigureAwait(false);
        }
        else if (request == CampaignRequests.Cancel && campaign.Status == CampaignStatus.Paused)
        {
            // Nobody drives a paused campaign: cancel it here.
            foreach (var r in await state.Campaigns.ListRepositoriesAsync(id, cancellationToken).ConfigureAwait(false))
            {
                await state.Campaigns.TrySkipAsync(id, r.Position, "The campaign was cancelled before this repository started.", cancellationToken).ConfigureAwait(false);
            }

            await state.Campaigns.SetStatusAsync(id, CampaignStatus.Cancelled, "Cancelled: repositories not started were skipped.", cancellationToken).ConfigureAwait(false);
        }

        output.Report(await ReportOfAsync(state, id, cancellationToken).ConfigureAwait(false));
        return CliExitCodes.Success;
    }

    private static async Task<int> DriveAsync(ParseResult parse, CampaignOutput output, CampaignState state, bool retry, CancellationToken cancellationToken)
    {
        var id = parse.GetValue(CampaignOptions.Campaign)!;
        var campaign = await state.Campaigns.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new CliException($"There is no campaign '{id}'.");
        if (retry)
        {
            var count = await state.Campaigns.ResetFailedAsync(id, cancellationToken).ConfigureAwait(false);
            output.Status(string.Create(CultureInfo.InvariantCulture, $"{count} repositories will run again."));
            await state.Campaigns.SetStatusAsync(id, CampaignStatus.Paused, "Retrying.", cancellationToken).ConfigureAwait(false);
        }
        else if (campaign.Status is CampaignStatus.Completed or CampaignStatus.Cancelled)
        {
            throw new CliException($"Campaign '{id}' is {campaign.Status}; nothing to resume (use 'honk campaign retry' to run failures again).");
        }

        var settings = new CampaignDriveSettings
        {
            Broker = CampaignOptions.ParseBroker(parse.GetValue(CampaignOptions.Broker), parse.GetValue(CampaignOptions.Store)),
            Composition = CampaignOptions.Composition(state.Folder, parse.GetValue(CampaignOptions.UnsafeNoSandbox), campaign.Spec.Model),
        };
        return await CampaignDriver.DriveAsync(state, id, settings, output, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<CampaignReport> ReportOfAsync(CampaignState state, string id, CancellationToken cancellationToken)
    {
        var campaign = await state.Campaigns.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new CliException($"There is no campaign '{id}'. List them with 'honk campaign status'.");
        return await CampaignPullRequestReader.ReportAsync(campaign, await state.Campaigns.ListRepositoriesAsync(id, cancellationToken).ConfigureAwait(false), state.Sessions, cancellationToken).ConfigureAwait(false);
    }
}
