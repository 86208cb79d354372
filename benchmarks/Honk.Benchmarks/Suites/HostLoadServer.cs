using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Honk.Benchmarks.Harness;
using Honk.Hosting;
using Honk.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Honk.Benchmarks.Suites;

/// <summary>
/// The real thing under load: <c>HonkServer.CreateBuilder</c> (Kestrel on 127.0.0.1:0, SQLite store,
/// <see cref="HonkHost"/>, <see cref="SessionRunnerService"/>, <see cref="SessionComposer"/>) over one bare git
/// repository that every session pushes its own branch to. Only the concurrency, the work folders and the absence of
/// validators differ from <c>honk serve</c>.
/// </summary>
internal sealed class HostLoadServer : IAsyncDisposable
{
    public const string ApiKey = "host-load-api-key-0123456789";
    public const string EditedFile = "src/greeting.txt";

    private readonly WebApplication _app;

    private HostLoadServer(WebApplication app, string folder, string repository)
    {
        _app = app;
        Folder = folder;
        Repository = repository;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient { BaseAddress = new Uri(address + "/"), Timeout = TimeSpan.FromMinutes(5) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
    }

    public string Folder { get; }

    /// <summary>The bare repository sessions start from and push to.</summary>
    public string Repository { get; }

    public HttpClient Client { get; }

    public ISessionStore Store => _app.Services.GetRequiredService<ISessionStore>();

    public static async Task<HostLoadServer> StartAsync(string folder, int concurrency)
    {
        var repository = await CreateRepositoryAsync(folder).ConfigureAwait(false);
        var script = Path.Combine(folder, "edit-one-file.json");
        await File.WriteAllTextAsync(script, JsonSerializer.Serialize(new
        {
            turns = new object[]
            {
                new { toolCalls = new[] { new { name = "edit_file", arguments = new { path = EditedFile, old_text = "Hello", new_text = "Hello under load" } } } },
                new { text = "Greeted under load." },
            },
        })).ConfigureAwait(false);

        // Composed as an embedding app does (AddHonk().AddHonkDefaults() + AddHonkHosting() + AddHonkServer()), without
        // validators so the measurement is the host's own work.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddHonk(o => o.Model = "script:" + script)
            .AddHonkDefaults(d =>
            {
                d.UseBuiltInValidators = false;
                d.Workspace.CacheRoot = Path.Combine(folder, "cache");
                d.Workspace.WorktreesRoot = Path.Combine(folder, "worktrees");
            });
        builder.Services.AddHonkHosting(o =>
            {
                o.HostId = "host-load";
                o.MaxConcurrency = concurrency;
            })
            .UseSqlite(Path.Combine(folder, "data", "honk.db"));
        builder.Services.AddHonkServer(o => o.ApiKeys.Add(ApiKey));
        var app = builder.Build();
        app.MapHonk();
        await app.StartAsync().ConfigureAwait(false);
        return new HostLoadServer(app, folder, repository);
    }

    /// <summary><c>POST /api/sessions</c>; returns the new session's id.</summary>
    public async Task<string> SubmitAsync(int n)
    {
        var body = new JsonObject { ["repository"] = Repository, ["task"] = $"Greet under load ({n})", ["title"] = $"load {n}" };
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync(new Uri("api/sessions", UriKind.Relative), content).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if ((int)response.StatusCode != 202)
        {
            throw new InvalidOperationException($"POST /api/sessions answered {(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(text)!["id"]!.GetValue<string>();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private static async Task<string> CreateRepositoryAsync(string folder)
    {
        var source = Path.Combine(folder, "source");
        Directory.CreateDirectory(Path.Combine(source, "src"));
        await File.WriteAllTextAsync(Path.Combine(source, EditedFile), "Hello, world.\n").ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(source, "README.md"), "# load\n").ConfigureAwait(false);
        await Proc.GitAsync(source, "init", "--quiet", "-b", "main").ConfigureAwait(false);
        await Proc.GitAsync(source, "add", "-A").ConfigureAwait(false);
        await Proc.GitAsync(source, "-c", "user.name=bench", "-c", "user.email=bench@localhost", "commit", "--quiet", "-m", "start").ConfigureAwait(false);
        var remote = Path.Combine(folder, "remote.git");
        await Proc.GitAsync(folder, "clone", "--quiet", "--bare", source, remote).ConfigureAwait(false);
        return remote;
    }
}
