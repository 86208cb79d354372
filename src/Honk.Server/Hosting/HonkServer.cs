using Honk.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Honk.Server;

/// <summary>
/// One call to a running Honk host: SQLite store, background runner, local git, the endpoints and the review page,
/// on 127.0.0.1:5080 unless told otherwise. <c>honk serve</c> is <c>return await HonkServer.RunAsync(args);</c>.
/// </summary>
public static class HonkServer
{
    /// <summary>Creates a web application builder with the host and the server registered. Settings come from configuration section <c>Honk</c>.</summary>
    /// <param name="args">Command-line arguments (configuration overrides such as <c>--urls</c>, <c>--Honk:DefaultRepository=...</c>).</param>
    /// <param name="configure">Adjusts the server options after configuration is read.</param>
    /// <returns>The builder; call <c>Build()</c>, then <see cref="HonkEndpointRouteBuilderExtensions.MapHonk"/>.</returns>
    public static WebApplicationBuilder CreateBuilder(string[] args, Action<HonkServerOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls("http://127.0.0.1:5080");
        }

        var dataDirectory = builder.Configuration["Honk:DataDirectory"] ?? Path.Combine(Environment.CurrentDirectory, ".honk");
        Directory.CreateDirectory(dataDirectory);
        builder.Services.TryAddSingleton<ISessionStore>(_ => new SqliteSessionStore(Path.Combine(dataDirectory, "honk.db")));
        builder.Services.TryAddSingleton(sp => new HonkHost(sp.GetRequiredService<ISessionStore>(), new HonkHostOptions()));
        builder.Services.TryAddSingleton<ISessionExecutor>(_ => new SessionComposer(new SessionComposerOptions { DefaultModel = builder.Configuration["Honk:Model"] }));
        builder.Services.AddHostedService(sp => new SessionRunnerService(sp.GetRequiredService<HonkHost>(), sp.GetRequiredService<ISessionExecutor>()));
        builder.Services.TryAddSingleton<ISessionGateway>(sp => new HostingSessionGateway(sp.GetRequiredService<HonkHost>()));
        builder.Services.AddHonkServer(o =>
        {
            builder.Configuration.GetSection("Honk").Bind(o);
            o.LinkSigningKey ??= LoadOrCreateKey(Path.Combine(dataDirectory, "link-signing.key"));
            o.Access.Approvers.Add("admin");
            configure?.Invoke(o);
        });
        return builder;
    }

    /// <summary>Runs the server until Ctrl+C, printing its URL and a login link for the review page.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="cancellationToken">Stops the server.</param>
    /// <returns>The process exit code.</returns>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var app = CreateBuilder(args).Build();
        await using (app.ConfigureAwait(false))
        {
            await app.Services.GetRequiredService<ISessionStore>().InitializeAsync(cancellationToken).ConfigureAwait(false);
            app.MapHonk();
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var url = app.Urls.First();
            var login = app.Services.GetRequiredService<ServerRuntime>().Links.CreateLoginToken("admin", TimeSpan.FromDays(1));
            await Console.Out.WriteLineAsync($"Honk is listening on {url}\nReview page (valid 24 h): {url}/review/login?t={Uri.EscapeDataString(login)}").ConfigureAwait(false);
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
    }

    private static string LoadOrCreateKey(string path)
    {
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        var key = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        File.WriteAllText(path, key);
        return key;
    }
}
