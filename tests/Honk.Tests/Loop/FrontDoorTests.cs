using System.Text.RegularExpressions;
using Honk.Models;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static Honk.Tests.Loop.LoopTestKit;

namespace Honk.Tests.Loop;

/// <summary>The front door: per-session models, the streaming entry point, configuration, the composition order.</summary>
public sealed partial class FrontDoorTests : IDisposable
{
    private const string WriteThenDone = """{ "turns": [ { "toolCalls": [ { "name": "write_file", "arguments": { "path": "a.txt", "content": "x" } } ] }, { "text": "done" } ] }""";
    private readonly string _folder = Directory.CreateTempSubdirectory("honk-front-door-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ThreeConcurrentSessions_OnOneScriptSpec_EachGetTheirOwnModel()
    {
        var script = Path.Combine(_folder, "fix.json");
        await File.WriteAllTextAsync(script, WriteThenDone, TestContext.Current.CancellationToken);
        var services = new ServiceCollection();
        services.AddHonk(o => { o.Model = $"script:{script}"; o.Loop.Budget = Budget.Unlimited; }).WithTools(WriteTool()).WithTestInfrastructure();
        await using var provider = services.BuildServiceProvider();
        var agent = provider.GetRequiredService<HonkAgent>();

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => agent.RunAsync(new CodingTask($"task {i}"), _folder, TestContext.Current.CancellationToken)));

        Assert.All(results, r => Assert.Equal(SessionStatus.Succeeded, r.Status));
        Assert.All(results, r => Assert.Equal(["a.txt"], r.ChangedFiles));
    }

    [Fact]
    public async Task AnAppsOwnChatClient_DoesNotReplaceHonksModel()
    {
        var services = new ServiceCollection();
        services.AddHonk(o => o.Loop.Budget = Budget.Unlimited).WithChatClient(Script("""{ "turns": [ { "text": "honk's model" } ] }""")).WithTestInfrastructure();
        services.AddSingleton<IChatClient>(Script("""{ "turns": [ { "text": "the app's model" } ] }"""));
        await using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<HonkAgent>().RunAsync(new CodingTask("x"), _folder, TestContext.Current.CancellationToken);

        Assert.Equal("honk's model", result.Summary);
    }

    [Fact]
    public async Task ASessionsOwnModel_WinsOverTheRegisteredOne()
    {
        var services = new ServiceCollection();
        services.AddHonk(o => o.Loop.Budget = Budget.Unlimited).WithChatClient(Script("""{ "turns": [ { "text": "registered" } ] }""")).WithTestInfrastructure();
        await using var provider = services.BuildServiceProvider();
        var run = new HonkRunOptions { Model = Script("""{ "turns": [ { "text": "per session" } ] }""") };

        var result = await provider.GetRequiredService<HonkAgent>().RunAsync(new CodingTask("x"), _folder, run, TestContext.Current.CancellationToken);

        Assert.Equal("per session", result.Summary);
    }

    [Fact]
    public async Task ModelsCreatedFromASpec_AreDisposedWhenTheSessionEnds()
    {
        var factory = new TrackingFactory();
        var services = new ServiceCollection();
        services.AddHonk(o => { o.Model = "openai:gpt-test"; o.Loop.Budget = Budget.Unlimited; }).WithModelFactory(factory).WithTestInfrastructure();
        await using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<HonkAgent>().RunAsync(new CodingTask("x"), _folder, TestContext.Current.CancellationToken);

        Assert.Equal("nothing to do", result.Summary);
        var client = Assert.Single(factory.Created);
        Assert.True(client.Disposed);
        Assert.Equal("gpt-test", client.Spec.Model);
    }

    [Fact]
    public async Task RunStreamingAsync_OwnsTheWorkspace_AndUsesTheOneSessionIdFormat()
    {
        var services = new ServiceCollection();
        services.AddHonk(o => o.Loop.Budget = Budget.Unlimited).WithChatClient(Script(WriteThenDone)).WithTools(WriteTool()).WithTestInfrastructure();
        await using var provider = services.BuildServiceProvider();
        var workspaces = (FolderWorkspaceProvider)provider.GetRequiredService<WorkspaceProvider>();
        var events = new List<AgentEvent>();

        await foreach (var e in provider.GetRequiredService<HonkAgent>().RunStreamingAsync(new CodingTask("x"), _folder, TestContext.Current.CancellationToken))
        {
            events.Add(e);
            Assert.True(Directory.Exists(Assert.Single(workspaces.Workspaces).RootPath), "the workspace lives while the session streams");
        }

        var completed = Assert.IsType<SessionCompleted>(events[^1]);
        Assert.Equal(SessionStatus.Succeeded, completed.Result.Status);
        Assert.False(Directory.Exists(workspaces.Workspaces[0].RootPath), "the workspace is released after the last event");
        Assert.Matches(SessionIdFormat(), completed.Result.SessionId);
        Assert.Equal(AgentSession.CreateId().Length, completed.Result.SessionId.Length);
    }

    [Fact]
    public async Task Contributors_RunByStage_WithTheAppsRegistrationsAndTheRunsConfigureInTheirPlaces()
    {
        var order = new List<string>();
        var services = new ServiceCollection();
        services.AddHonk()
            .WithChatClient(Script("""{ "turns": [] }"""))
            .WithTestInfrastructure()
            .WithTools(AIFunctionFactory.Create(() => "x", "app_tool"))
            .WithSessionContributor(new Recording(order, "prompt", SessionContributorOrder.Prompt))
            .WithSessionContributor(new Recording(order, "tools", SessionContributorOrder.Tools))
            .WithSessionContributor(new Recording(order, "wrap", SessionContributorOrder.Wrap))
            .WithSessionContributor(new Recording(order, "validators", SessionContributorOrder.Validators));
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<HonkAgent>().CreateSessionAsync(
            new CodingTask("x"),
            run: new HonkRunOptions { Configure = s => order.Add($"configure:{string.Join(',', s.Options.Tools.Select(t => t.Name))}") },
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["tools", "validators", "wrap:app_tool", "configure:app_tool", "prompt"], order);
    }

    [Fact]
    public async Task Sessions_GetTheDefaultPriceTable_AndTheContainersLoggerFactory()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHonk().WithChatClient(Script("""{ "turns": [] }""")).WithTestInfrastructure();
        await using var provider = services.BuildServiceProvider();
        AgentSessionOptions? options = null;

        await provider.GetRequiredService<HonkAgent>().CreateSessionAsync(new CodingTask("x"), run: new HonkRunOptions { Configure = s => options = s.Options }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(options!.Prices.TryGetPrice("claude-sonnet-4-5", out _));
        Assert.Same(provider.GetRequiredService<ILoggerFactory>(), options.LoggerFactory);
    }

    [Fact]
    public void AddHonkWithConfiguration_BindsModelLoopBudgetAndPrices_WithoutTouchingTheSharedDefaultBudget()
    {
        var defaultCost = Budget.Default.MaxCostUsd;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Honk:Model"] = "script:fix.json",
            ["Honk:Loop:MaxStopGateRounds"] = "5",
            ["Honk:Loop:Budget:MaxCostUsd"] = "0.5",
            ["Honk:Prices:house-model:Input"] = "1",
            ["Honk:Prices:house-model:Output"] = "2",
        }).Build();
        var services = new ServiceCollection();
        services.AddHonk(configuration).WithTestInfrastructure();
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<HonkOptions>>().Value;

        Assert.Equal("script:fix.json", options.Model);
        Assert.Equal(5, options.Loop.MaxStopGateRounds);
        Assert.Equal(0.5m, options.Loop.Budget.MaxCostUsd);
        Assert.Equal(defaultCost, Budget.Default.MaxCostUsd);
        Assert.Equal(2m, options.EffectivePrices().Cost("house-model", 0, 1_000_000));
    }

    [Fact]
    public void AddHonkWithConfiguration_ATypoInTheLoopSection_FailsAtStart()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Honk:Loop:MaxStopGateRound"] = "5" }).Build();
        var services = new ServiceCollection();
        services.AddHonk(configuration).WithChatClient(Script("""{ "turns": [] }""")).WithTestInfrastructure();
        using var provider = services.BuildServiceProvider();

        var error = Assert.ThrowsAny<InvalidOperationException>(() => provider.GetRequiredService<HonkAgent>());

        Assert.Contains("MaxStopGateRound", error.Message, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\d{8}-\d{6}-[0-9a-f]{6}$")]
    private static partial Regex SessionIdFormat();

    private sealed class Recording(List<string> order, string name, int stage) : ISessionContributor
    {
        public int Order => stage;

        public ValueTask ContributeAsync(SessionSetup setup, CancellationToken cancellationToken = default)
        {
            order.Add(stage == SessionContributorOrder.Wrap ? $"{name}:{string.Join(',', setup.Options.Tools.Select(t => t.Name))}" : name);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class TrackingFactory : IModelFactory
    {
        public List<TrackingClient> Created { get; } = [];

        public bool CanCreate(ModelSpec spec) => spec.Provider == ModelSpec.OpenAIProvider;

        public IChatClient Create(ModelSpec spec)
        {
            var client = new TrackingClient(spec);
            Created.Add(client);
            return client;
        }
    }

    private sealed class TrackingClient(ModelSpec spec) : DelegatingChatClient(Script("""{ "turns": [ { "text": "nothing to do" } ] }"""))
    {
        public ModelSpec Spec { get; } = spec;

        public bool Disposed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
