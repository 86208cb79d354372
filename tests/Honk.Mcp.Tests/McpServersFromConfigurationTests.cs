using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Honk.Mcp.Tests;

/// <summary>
/// MCP servers defined in a host's <see cref="IConfiguration"/> (appsettings.json, environment variables) rather than
/// honk.json: read in honk.json's shape, and used by a real in-process session against a real outside <c>honk mcp</c>.
/// </summary>
public sealed class McpServersFromConfigurationTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("honk-mcp-config-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Cli => Path.Combine(AppContext.BaseDirectory, "Honk.Cli.dll");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void Read_AppSettingsShape_GivesTheDefinitionsInOrder()
    {
        var configuration = Json("""
            { "Honk": { "McpServers": {
                "docs": { "command": "docs-mcp", "args": ["a0","a1","a2","a3","a4","a5","a6","a7","a8","a9","a10","a11"],
                          "env": { "DOCS_TOKEN": "t-1" }, "cwd": "/srv" },
                "tickets": { "URL": "https://tickets.example.com/mcp" } } } }
            """);

        var servers = McpServerConfiguration.Read(configuration.GetSection("Honk:McpServers"));

        Assert.Equal(["docs", "tickets"], servers.Select(s => s.Name));
        Assert.Equal("docs-mcp", servers[0].Command);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"a{i}"), servers[0].Arguments);
        Assert.Equal("t-1", servers[0].Environment["DOCS_TOKEN"]);
        Assert.Equal("/srv", servers[0].WorkingDirectory);
        Assert.Null(servers[0].Url);
        Assert.Equal(new Uri("https://tickets.example.com/mcp"), servers[1].Url);
        Assert.Null(servers[1].Command);
    }

    [Fact]
    public void Read_EnvironmentVariableKeys_GiveTheSameDefinition()
    {
        // Honk__McpServers__docs__args__0=--root in the environment arrives as Honk:McpServers:docs:args:0.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Honk:McpServers:docs:command"] = "docs-mcp",
            ["Honk:McpServers:docs:args:1"] = "/srv/handbook",
            ["Honk:McpServers:docs:args:0"] = "--root",
        }).Build();

        var server = Assert.Single(McpServerConfiguration.Read(configuration.GetSection("Honk:McpServers")));

        Assert.Equal(["--root", "/srv/handbook"], server.Arguments);
    }

    [Fact]
    public void Read_MissingSection_GivesNoServers()
        => Assert.Empty(McpServerConfiguration.Read(Json("{}").GetSection("Honk:McpServers")));

    [Theory]
    [InlineData("""{ "docs": { "comand": "docs-mcp" } }""", "Honk:McpServers:docs:comand is an unknown key")]
    [InlineData("""{ "docs": { "command": "docs-mcp", "url": "https://x.example/mcp" } }""", "Honk:McpServers:docs: MCP server 'docs' needs exactly one of")]
    [InlineData("""{ "docs": { "url": "not a url" } }""", "Honk:McpServers:docs:url is not an absolute URL")]
    [InlineData("""{ "docs": { "command": "docs-mcp", "args": { "first": "x" } } }""", "must be a list of strings")]
    [InlineData("""{ "docs": "docs-mcp" }""", "Honk:McpServers:docs must be a section")]
    public void Read_MalformedDefinition_NamesTheKeyAndTheReason(string servers, string expected)
    {
        var configuration = Json($$"""{ "Honk": { "McpServers": {{servers}} } }""");

        var error = Assert.Throws<FormatException>(() => McpServerConfiguration.Read(configuration.GetSection("Honk:McpServers")));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_composed_from_configuration_calls_the_servers_tool()
    {
        var served = Directory.CreateDirectory(Path.Combine(_root, "served")).FullName;
        await File.WriteAllTextAsync(Path.Combine(served, "style.md"), "# Style\nIndent with tabs, never spaces.\n", Ct);
        var repository = Directory.CreateDirectory(Path.Combine(_root, "repo")).FullName;
        await File.WriteAllTextAsync(Path.Combine(repository, "README.md"), "A repository without checks.\n", Ct);
        await GitAsync(repository, "init", "--quiet", "--initial-branch=main");
        await GitAsync(repository, "add", "-A");
        await GitAsync(repository, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "--quiet", "-m", "init");
        var script = Path.Combine(_root, "script.json");
        await File.WriteAllTextAsync(script, JsonSerializer.Serialize(new
        {
            turns = new object[]
            {
                new { toolCalls = new[] { new { name = "docs__read_file", arguments = new { path = "style.md" } } } },
                new { text = "The guide says to indent with tabs; nothing to change." },
            },
        }), Ct);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Honk:McpServers:docs:command"] = "dotnet",
            ["Honk:McpServers:docs:args:0"] = Cli,
            ["Honk:McpServers:docs:args:1"] = "mcp",
            ["Honk:McpServers:docs:args:2"] = "--repo",
            ["Honk:McpServers:docs:args:3"] = served,
            ["Honk:McpServers:docs:args:4"] = "--no-restore",
            ["Honk:McpServers:docs:cwd"] = served,
        }).Build();

        var services = new ServiceCollection();
        services.AddHonk(o => o.Model = $"script:{script}")
            .AddHonkDefaults(o => o.Workspace.CacheRoot = Path.Combine(_root, "cache"))
            .AddMcpServers(configuration.GetSection("Honk:McpServers"));
        await using var provider = services.BuildServiceProvider();
        var events = new List<AgentEvent>();
        var run = new HonkRunOptions();
        run.EventSinks.Add(new ListSink(events));

        var result = await provider.GetRequiredService<HonkAgent>().RunAsync(new CodingTask("Read the style guide."), repository, run, Ct);

        var call = Assert.Single(events.OfType<ToolCallCompleted>(), e => e.Name == "docs__read_file");
        Assert.False(call.IsError, call.Result);

        // The text exists only in the served folder: it reached the session through the outside server.
        Assert.Contains("Indent with tabs, never spaces.", call.Result, StringComparison.Ordinal);
        Assert.Equal(SessionStatus.NoChanges, result.Status);
    }

    private static IConfiguration Json(string json)
        => new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

    private static async Task GitAsync(string repository, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = repository, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', arguments)}: {await process.StandardError.ReadToEndAsync(Ct)}");
    }

    private sealed class ListSink(List<AgentEvent> events) : IAgentEventSink
    {
        public ValueTask OnEventAsync(AgentEvent agentEvent, CancellationToken cancellationToken = default)
        {
            lock (events)
            {
                events.Add(agentEvent);
            }

            return ValueTask.CompletedTask;
        }
    }
}
