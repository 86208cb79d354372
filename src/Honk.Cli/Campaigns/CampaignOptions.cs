using System.CommandLine;
using Honk.Cli.Running;

namespace Honk.Cli.Campaigns;

/// <summary>Options shared by the <c>honk campaign</c> subcommands and <c>honk worker</c>, and how they resolve.</summary>
internal static class CampaignOptions
{
    public static readonly Option<bool> Json = new("--json") { Description = "Print exactly one JSON object with the result on stdout, nothing else." };
    public static readonly Option<string> State = new("--state") { Description = "The state folder of campaigns on this machine (SQLite). Default: ~/.local/state/honk/campaigns." };
    public static readonly Option<string> Store = new("--store") { Description = "A PostgreSQL connection string: campaign state shared with workers on other machines (instead of --state)." };
    public static readonly Option<string> Broker = new("--broker") { Description = "A RabbitMQ URL (amqp://user:password@host:5672/): queue jobs for 'honk worker' processes instead of running them here. Needs --store." };
    public static readonly Option<string> Queue = new("--queue") { Description = "The RabbitMQ queue of the campaign's jobs (with --broker). Default: honk.campaign.jobs. Controller and workers must name the same one." };
    public static readonly Option<bool> UnsafeNoSandbox = new("--unsafe-no-sandbox") { Description = "Run commands without bubblewrap when it is unavailable. Dangerous." };
    public static readonly Option<string> Campaign = new("--campaign") { Description = "The campaign's id.", Required = true };
    public static readonly Option<string> Server = new("--server") { Description = "A 'honk serve' host (http://host:5080): act on its campaigns over its API instead of a local store. The host drives them." };
    public static readonly Option<string> ApiKey = new("--api-key") { Description = "The host's API key for --server. Default: $HONK_API_KEY. On the command line it is visible to other local users (ps): prefer the variable." };

    public static Uri? ParseBroker(string? text, string? store)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
        {
            throw new CliException($"--broker must be an amqp:// or amqps:// URL, such as amqp://guest:guest@127.0.0.1:5672/ (got '{text}').");
        }

        if (string.IsNullOrWhiteSpace(store))
        {
            throw new CliException("--broker needs --store <PostgreSQL connection string>: workers on other machines read the campaign and record results there.");
        }

        return uri;
    }

    /// <summary>The queue named by <c>--queue</c>, checked; <see langword="null"/> when not given.</summary>
    public static string? ParseQueue(string? text, Uri? broker)
    {
        if (text is null)
        {
            return null;
        }

        if (broker is null)
        {
            throw new CliException("--queue needs --broker: it names the RabbitMQ queue the campaign's jobs go to.");
        }

        return Honk.Campaigns.RabbitMq.RabbitMqCampaignOptions.ProblemWithQueueName(text) is { } problem
            ? throw new CliException($"--queue: {problem} (got '{text}').")
            : text;
    }

    public static CampaignCompositionSettings Composition(string stateFolder, bool allowUnsandboxed, string? defaultModel) => new()
    {
        DefaultModel = defaultModel,
        AllowUnsandboxed = allowUnsandboxed,
        TranscriptDirectory = Path.Combine(stateFolder, "transcripts"),
        PatchDirectory = Path.Combine(stateFolder, "patches"),
        GitHub = GitHubFromEnvironment(),
    };

    /// <summary>
    /// GitHub for pull requests, from the same variables as <c>honk run --deliver pr</c>: <c>$GITHUB_TOKEN</c> (or
    /// <c>$GH_TOKEN</c>) and, for GitHub Enterprise or a test server, <c>$GITHUB_API_URL</c>.
    /// </summary>
    public static Delivery.GitHub.GitHubClientOptions? GitHubFromEnvironment()
    {
        var token = Environment.GetEnvironmentVariable("GITHUB_TOKEN") ?? Environment.GetEnvironmentVariable("GH_TOKEN");
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        var options = new Delivery.GitHub.GitHubClientOptions { Token = token };
        var apiUrl = Environment.GetEnvironmentVariable("GITHUB_API_URL");
        if (!string.IsNullOrWhiteSpace(apiUrl))
        {
            options.BaseUrl = Uri.TryCreate(apiUrl.EndsWith('/') ? apiUrl : apiUrl + "/", UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
                ? url
                : throw new CliException($"$GITHUB_API_URL must be an http(s) URL, such as https://github.example.com/ (got '{apiUrl}').");
        }

        return options;
    }

    public static string StateFolder(string? state) => Path.GetFullPath(state ?? RunRequest.DefaultStateDirectory("campaigns"));
}
