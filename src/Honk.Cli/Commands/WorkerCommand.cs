using System.CommandLine;
using System.Globalization;
using Honk.Campaigns;
using Honk.Campaigns.RabbitMq;
using Honk.Cli.Campaigns;

namespace Honk.Cli.Commands;

/// <summary><c>honk worker</c>: takes campaign jobs from RabbitMQ and runs them until stopped (Ctrl-C or SIGTERM).</summary>
internal static class WorkerCommand
{
    private static readonly Option<string> Broker = new("--broker") { Description = "The RabbitMQ URL, e.g. amqp://guest:guest@127.0.0.1:5672/.", Required = true };
    private static readonly Option<string> Store = new("--store") { Description = "The PostgreSQL connection string the campaign controller uses.", Required = true };
    private static readonly Option<int?> Prefetch = new("--prefetch") { Description = "How many jobs this worker runs at once (default 1)." };
    private static readonly Option<int?> MaxAttempts = new("--max-attempts") { Description = "A repository started this many times without a result is failed and its job dead-lettered (default 3)." };
    private static readonly Option<string> Model = new("--model") { Description = "The model for campaigns that name none. Default: $HONK_MODEL." };
    private static readonly Option<string> Name = new("--name") { Description = "This worker's name in the campaign's records. Default: host-pid." };

    public static Command Create()
    {
        var command = new Command("worker", "Run campaign jobs from a RabbitMQ queue, recording state in PostgreSQL, until stopped.")
        {
            Broker, Store, CampaignOptions.Queue, Prefetch, MaxAttempts, Model, Name, CampaignOptions.State, CampaignOptions.UnsafeNoSandbox,
        };
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var output = new CampaignOutput(json: false);
        return await CampaignControlCommands.GuardAsync(output, async () =>
        {
            var store = parse.GetValue(Store)!;
            var broker = CampaignOptions.ParseBroker(parse.GetValue(Broker), store)!;
            var queue = CampaignOptions.ParseQueue(parse.GetValue(CampaignOptions.Queue), broker) ?? RabbitMqCampaignOptions.DefaultQueue;
            var prefetch = parse.GetValue(Prefetch) ?? 1;
            var maxAttempts = parse.GetValue(MaxAttempts) ?? 3;
            if (prefetch is < 1 or > 256)
            {
                throw new CliException($"--prefetch must be from 1 to 256 (got {prefetch.ToString(CultureInfo.InvariantCulture)}).");
            }

            if (maxAttempts < 1)
            {
                throw new CliException($"--max-attempts must be at least 1 (got {maxAttempts.ToString(CultureInfo.InvariantCulture)}).");
            }

            var name = parse.GetValue(Name) ?? $"{Environment.MachineName}-{Environment.ProcessId}";
            var folder = CampaignOptions.StateFolder(parse.GetValue(CampaignOptions.State));
            var state = await CampaignState.OpenAsync(folder, store, cancellationToken).ConfigureAwait(false);
            await using (state.ConfigureAwait(false))
            {
                var composition = CampaignOptions.Composition(folder, parse.GetValue(CampaignOptions.UnsafeNoSandbox), parse.GetValue(Model) ?? Environment.GetEnvironmentVariable("HONK_MODEL"));
                var processor = new CampaignJobProcessor(state.Campaigns, CampaignComposition.CreateRunner(state.Sessions, state.Campaigns, composition), name, maxAttempts);
                var worker = new RabbitMqCampaignWorker(new RabbitMqCampaignOptions { Broker = broker, Queue = queue, Prefetch = (ushort)prefetch, MaxAttempts = maxAttempts }, processor);
                worker.JobSettled += (_, outcome) => output.Status($"job {outcome.ToString().ToLowerInvariant()}");
                worker.JobRefused += (_, refusal) => output.Status(
                    $"refused job {refusal.Campaign} #{refusal.Position.ToString(CultureInfo.InvariantCulture)} ({refusal.Refusals.ToString(CultureInfo.InvariantCulture)} refusal(s)): {refusal.Reason}; " +
                    (refusal.DeadLettered ? $"moved to {queue}.dead" : "returned to the queue for a worker that can run it"));
                output.Status($"worker {name} ready: taking jobs from {queue} on {broker.Host}:{broker.Port.ToString(CultureInfo.InvariantCulture)} ({prefetch.ToString(CultureInfo.InvariantCulture)} at a time)");
                try
                {
                    await worker.RunAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.BrokerUnreachableException)
                {
                    throw new CliException($"Could not reach the broker {broker.Host}:{broker.Port.ToString(CultureInfo.InvariantCulture)}: {ex.Message}");
                }

                return CliExitCodes.Success;
            }
        }).ConfigureAwait(false);
    }
}
