using System.CommandLine;
using Honk.Cli.Running;
using Honk.Server;

namespace Honk.Cli.Commands;

/// <summary>
/// <c>honk serve</c>: the host — HTTP API, Slack and GitHub webhooks, the review page — with SQLite and local git, on
/// 127.0.0.1:5080. Every setting is an option here, a configuration key under <c>Honk</c> (environment variable
/// <c>Honk__Key</c>, <c>--Honk:Key=value</c>) and a key of <c>honk.json</c>'s <c>serve</c> object; see docs/server.md.
/// Models are built the way <c>honk run</c> builds them.
/// </summary>
internal static class ServeCommand
{
    private const string SecretNote = " On the command line it is visible to other local users (ps): prefer the environment variable or honk.json.";

    private static readonly Option<string> Model = new("--model") { Description = "The sessions' model: anthropic:<model> | openai:<model> | openai-compatible:<model>@<base-url> | script:<file>. Keys come from the environment as for 'honk run' (ANTHROPIC_API_KEY, OPENAI_API_KEY). Also: $HONK_MODEL, Honk__Model, honk.json model / serve.model." };
    private static readonly Option<string> Urls = new("--urls") { Description = "Where to listen (bind address). Default: http://127.0.0.1:5080. Also: ASPNETCORE_URLS." };
    private static readonly Option<string> StateDir = new("--state-dir") { Description = "The host's private state folder (database, link-signing key; 0700, hidden from sandboxes). Default: $XDG_STATE_HOME/honk or ~/.local/state/honk. Also: Honk__StateDirectory, serve.stateDirectory." };
    private static readonly Option<string> HostId = new("--host-id") { Description = "This host's id in the database (give a stable one to recover its sessions at once after a restart). Default: unique per process. Also: Honk__HostId, serve.hostId." };
    private static readonly Option<int?> MaxConcurrency = new("--max-concurrency") { Description = "Sessions run at once (default 2). Also: Honk__MaxConcurrency, serve.maxConcurrency." };
    private static readonly Option<string> Config = new("--config") { Description = "A honk.json file (its 'model' and 'serve' object). Default: ./honk.json when present." };
    private static readonly Option<string[]> ApiClient = new("--api-client") { Description = "An API client as name:roles:key, roles '+'-separated from trigger, approve (e.g. ci:trigger:<key>). Requests with the key act as api:<name>. Repeatable. Also: Honk__ApiClients__0__Name/__Key/__Roles__0, serve.apiClients [{name, key, roles}]." + SecretNote, AllowMultipleArgumentsPerToken = false };
    private static readonly Option<string> SlackSecret = new("--slack-signing-secret") { Description = "The Slack app's signing secret; enables /slack/*. Also: Honk__SlackSigningSecret, serve.slackSigningSecret." + SecretNote };
    private static readonly Option<string> SlackBotToken = new("--slack-bot-token") { Description = "The Slack app's bot token (xoxb-...), to answer in Slack threads; without it Slack requests are acknowledged but get no message. Slack's API address: Honk__SlackApiUrl. Also: Honk__SlackBotToken, serve.slackBotToken." + SecretNote };
    private static readonly Option<string> GitHubToken = new("--github-token") { Description = "A GitHub token, to answer on issues and pull requests; without it comments start sessions but get no answer. GitHub Enterprise: Honk__GitHubApiUrl. Also: Honk__GitHubToken, serve.gitHubToken." + SecretNote };
    private static readonly Option<string> GitHubSecret = new("--github-webhook-secret") { Description = "The GitHub webhook secret; enables /github/webhook. Also: Honk__GitHubWebhookSecret, serve.gitHubWebhookSecret." + SecretNote };
    private static readonly Option<string[]> Repository = new("--repository") { Description = "A named repository, name=path-or-url (Slack's first word, the API's 'repository', or owner/name for GitHub). Repeatable. Also: Honk__Repositories__<name>, serve.repositories {name: location}." };
    private static readonly Option<string> DefaultRepository = new("--default-repository") { Description = "The repository Slack requests without a name work on (a path or URL). Also: Honk__DefaultRepository, serve.defaultRepository." };
    private static readonly Option<string[]> AllowedRoot = new("--allowed-root") { Description = "A folder under which API callers may name repositories by path (symbolic links resolved, '..' refused). Repeatable. Default: none, so callers may name only configured repositories and allowed remotes. Also: Honk__AllowedRepositoryRoots__0, serve.allowedRepositoryRoots." };
    private static readonly Option<string[]> AllowedRemote = new("--allowed-remote") { Description = "A remote URL prefix callers may name (e.g. https://github.com/my-org/); a GitHub comment works on its own repository only when it is allowed here. Repeatable. Also: Honk__AllowedRemotes__0, serve.allowedRemotes." };
    private static readonly Option<string[]> Approver = new("--approver") { Description = "An identity that may approve: slack:<user id>, github:<login>, api:<client> or a login name ('*' for everyone). Repeatable. Also: Honk__Access__Approvers__0, serve.access.approvers." };
    private static readonly Option<string[]> Triggerer = new("--triggerer") { Description = "An identity that may start sessions from Slack or GitHub: slack:<user id>, github:<login> ('*' for everyone). Repeatable. Also: Honk__Access__Triggerers__0, serve.access.triggerers." };
    private static readonly Option<string> PublicUrl = new("--public-url") { Description = "The server's public address for links in Slack and GitHub. Also: Honk__PublicBaseUrl, serve.publicBaseUrl." };
    private static readonly Option<bool> UnsafeNoSandbox = new("--unsafe-no-sandbox") { Description = "Run the agents' commands without bubblewrap when it is unavailable. Dangerous. Also: Honk__AllowUnsandboxed, serve.allowUnsandboxed." };

    public static Command Create()
    {
        var command = new Command(
            "serve",
            "Start the Honk host: API, Slack and GitHub webhooks and the review page (SQLite and local git, on 127.0.0.1:5080). "
            + "Every setting is also a configuration key under Honk: an environment variable (Honk__Key), a --Honk:Key=value argument, or honk.json's 'serve' object. "
            + "Command-line options win over environment variables, which win over honk.json. See docs/server.md.")
        {
            Model, Urls, StateDir, HostId, MaxConcurrency, Config, ApiClient, SlackSecret, SlackBotToken, GitHubSecret, GitHubToken, Repository, DefaultRepository, AllowedRoot, AllowedRemote, Approver, Triggerer, PublicUrl, UnsafeNoSandbox,
        };

        // Configuration overrides such as --Honk:Model=… pass through to the host.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(ExecuteAsync);
        return command;
    }

    private static async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        try
        {
            HostPassThrough.Check(parse.UnmatchedTokens);
            var startup = BuildStartup(parse);
            return await HonkServer.RunAsync([.. HostArguments(parse)], startup, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is CliException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync("honk serve: " + ex.Message).ConfigureAwait(false);
            return CliExitCodes.BadInput;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return CliExitCodes.Success;
        }
    }

    private static HonkServerStartup BuildStartup(ParseResult parse)
    {
        var configPath = parse.GetValue(Config);
        if (configPath is not null && !File.Exists(configPath))
        {
            throw new CliException($"The configuration file '{configPath}' does not exist.");
        }

        configPath ??= Path.Combine(Environment.CurrentDirectory, "honk.json");
        var fileSettings = File.Exists(configPath) ? new Dictionary<string, string?>(HonkJsonSettings.Load(configPath), StringComparer.OrdinalIgnoreCase) : [];

        // As for honk run: $HONK_MODEL wins over the file (Honk__Model and the command line win over both).
        if (Environment.GetEnvironmentVariable("HONK_MODEL") is { Length: > 0 } envModel)
        {
            fileSettings["Honk:Model"] = envModel;
        }

        var clients = (parse.GetValue(ApiClient) ?? []).Select(ParseApiClient).ToList();
        var repositories = (parse.GetValue(Repository) ?? []).Select(ParseRepository).ToList();
        return new HonkServerStartup
        {
            ChatClientFactory = CreateModel,
            FileSettings = fileSettings,
            Configure = o =>
            {
                // Lists from the command line add to those from the environment and honk.json.
                foreach (var client in clients)
                {
                    o.ApiClients.Add(client);
                }

                foreach (var (name, location) in repositories)
                {
                    o.Repositories[name] = location;
                }

                AddAll(o.AllowedRepositoryRoots, parse.GetValue(AllowedRoot));
                AddAll(o.AllowedRemotes, parse.GetValue(AllowedRemote));
                AddAll(o.Access.Approvers, parse.GetValue(Approver));
                AddAll(o.Access.Triggerers, parse.GetValue(Triggerer));
            },
        };
    }

    /// <summary>Scalar options become configuration overrides, after the pass-through ones so the named options win.</summary>
    private static IEnumerable<string> HostArguments(ParseResult parse)
    {
        foreach (var token in parse.UnmatchedTokens)
        {
            yield return token;
        }

        var pairs = new (string Key, string? Value)[]
        {
            ("Honk:Model", parse.GetValue(Model)),
            ("urls", parse.GetValue(Urls)),
            ("Honk:StateDirectory", parse.GetValue(StateDir)),
            ("Honk:HostId", parse.GetValue(HostId)),
            ("Honk:MaxConcurrency", parse.GetValue(MaxConcurrency)?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Honk:SlackSigningSecret", parse.GetValue(SlackSecret)),
            ("Honk:SlackBotToken", parse.GetValue(SlackBotToken)),
            ("Honk:GitHubToken", parse.GetValue(GitHubToken)),
            ("Honk:GitHubWebhookSecret", parse.GetValue(GitHubSecret)),
            ("Honk:DefaultRepository", parse.GetValue(DefaultRepository)),
            ("Honk:PublicBaseUrl", parse.GetValue(PublicUrl)),
            ("Honk:AllowUnsandboxed", parse.GetValue(UnsafeNoSandbox) ? "true" : null),
        };
        foreach (var (key, value) in pairs.Where(p => p.Value is not null))
        {
            yield return $"--{key}={value}";
        }
    }

    private static Microsoft.Extensions.AI.IChatClient CreateModel(Models.ModelSpec spec)
    {
        try
        {
            return ModelFactory.Create(spec);
        }
        catch (CliException ex)
        {
            // The host reports InvalidOperationException as a failed session (or a refused start) with this message.
            throw new InvalidOperationException(ex.Message, ex);
        }
    }

    private static ApiClientOptions ParseApiClient(string text)
    {
        var parts = text.Split(':', 3);
        if (parts.Length != 3 || parts[0].Length == 0 || parts[2].Length == 0)
        {
            throw new CliException($"--api-client takes name:roles:key (roles '+'-separated from trigger, approve), e.g. ci:trigger:<key>; got '{parts[0]}:…'.");
        }

        var client = new ApiClientOptions { Name = parts[0], Key = parts[2] };
        AddAll(client.Roles, parts[1].Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return client;
    }

    private static (string Name, string Location) ParseRepository(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        return equals > 0 && equals < text.Length - 1
            ? (text[..equals].Trim(), text[(equals + 1)..].Trim())
            : throw new CliException($"--repository takes name=path-or-url, e.g. shop=/srv/git/shop.git; got '{text}'.");
    }

    private static void AddAll(ICollection<string> to, IEnumerable<string>? items)
    {
        foreach (var item in items ?? [])
        {
            to.Add(item);
        }
    }
}
