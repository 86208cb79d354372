using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Honk.Tests.Loop.LoopTestKit;

namespace Honk.Tests.Loop;

public sealed class DependencyInjectionTests
{
    [Fact]
    public async Task AddHonk_WiresModelToolsValidatorsAndSinks_IntoSessions()
    {
        var sink = new ListSink();
        var validator = new QueueValidator("unit", ValidationResult.Success("fine"));
        var services = new ServiceCollection();
        services.AddSingleton(sink);
        services.AddHonk(o => o.Loop.Budget = Budget.Unlimited)
            .WithChatClient(Script("""{ "turns": [ { "toolCalls": [ { "name": "write_file", "arguments": { "path": "a.txt", "content": "x" } } ] }, { "text": "done" } ] }"""))
            .WithTools(WriteTool())
            .WithValidator(validator)
            .WithEventSink<SinkAdapter>()
            .WithTestInfrastructure();
        await using var provider = services.BuildServiceProvider();
        await using var workspace = new FolderWorkspace();

        var session = await provider.GetRequiredService<HonkAgent>().CreateSessionAsync(new CodingTask("x"), workspace, cancellationToken: TestContext.Current.CancellationToken);
        var result = await session.RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(SessionStatus.Succeeded, result.Status);
        Assert.Equal(1, validator.Calls);
        Assert.IsType<SessionCompleted>(sink.Events[^1]);
    }

    [Fact]
    public void AddHonk_Twice_RegistersTheAgentOnce()
    {
        var services = new ServiceCollection();
        services.AddHonk();
        services.AddHonk().WithValidator<NamedValidator>().WithValidator<NamedValidator>();

        Assert.Single(services, d => d.ServiceType == typeof(HonkAgent));
        Assert.Single(services, d => d.ServiceType == typeof(Validator));
    }

    [Fact]
    public void InvalidOptions_FailWhenTheAgentIsResolved_NamingTheProblem()
    {
        var services = new ServiceCollection();
        services.AddHonk(o => o.Loop.MaxToolResultChars = 5).WithChatClient(Script("""{ "turns": [] }""")).WithTestInfrastructure();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<HonkAgent>());

        Assert.Contains("MaxToolResultChars", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StartupCheck_NamesTheMissingModelWorkspaceProviderAndCommandRunner()
    {
        var services = new ServiceCollection();
        services.AddHonk();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<HonkAgent>());

        Assert.Contains("No model is registered", error.Message, StringComparison.Ordinal);
        Assert.Contains("No workspace provider", error.Message, StringComparison.Ordinal);
        Assert.Contains("No command runner", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StartupCheck_RejectsTwoToolsOfOneName_InsteadOfDroppingOne()
    {
        var services = new ServiceCollection();
        services.AddHonk().WithChatClient(Script("""{ "turns": [] }""")).WithTestInfrastructure()
            .WithTools(WriteTool())
            .WithTools(AIFunctionFactory.Create((string path) => path, "write_file"));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<HonkAgent>());

        Assert.Contains("'write_file'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StartupCheck_ASpecModelWithoutAFactory_IsAnError()
    {
        var services = new ServiceCollection();
        services.AddHonk(o => o.Model = "anthropic:claude-sonnet-4-5").WithTestInfrastructure();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<HonkAgent>());

        Assert.Contains("no model factory handles 'anthropic'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OptionsAreSnapshotted_PerSession()
    {
        var services = new ServiceCollection();
        services.AddHonk(o => o.Loop.Budget = new Budget { MaxTurns = 1 }).WithChatClient(Script("""{ "turns": [ { "text": "a" }, { "text": "b" } ] }""")).WithTestInfrastructure();
        using var provider = services.BuildServiceProvider();
        var agent = provider.GetRequiredService<HonkAgent>();
        var session = await agent.CreateSessionAsync(new CodingTask("x"), cancellationToken: TestContext.Current.CancellationToken);

        provider.GetRequiredService<IOptionsMonitor<HonkOptions>>().CurrentValue.Loop.Budget = Budget.Unlimited;
        var events = await CollectAsync(session, TestContext.Current.CancellationToken);

        Assert.Equal(1, Assert.IsType<SessionStarted>(events[0]).Budget.MaxTurns);
    }

    [Fact]
    public async Task ToolProviders_ContributeTools()
    {
        var services = new ServiceCollection();
        services.AddHonk().WithChatClient(Script("""{ "turns": [] }""")).WithToolProvider<EchoToolProvider>().WithTestInfrastructure();
        using var provider = services.BuildServiceProvider();
        string[]? tools = null;

        await provider.GetRequiredService<HonkAgent>().CreateSessionAsync(
            new CodingTask("x"),
            run: new HonkRunOptions { Configure = s => tools = [.. s.Options.Tools.Select(t => t.Name)] },
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Contains("echo", tools!);
    }

    [Fact]
    public async Task CommandRunnerFactory_GivesEachSessionARunnerForItsWorkspace()
    {
        var factory = new RecordingRunnerFactory();
        var services = new ServiceCollection();
        services.AddHonk().WithChatClient(Script("""{ "turns": [ { "text": "hi" } ] }""")).WithTestInfrastructure().WithCommandRunnerFactory(factory);
        await using var provider = services.BuildServiceProvider();
        await using var workspace = new FolderWorkspace();
        ICommandRunner? runner = null;

        await provider.GetRequiredService<HonkAgent>().CreateSessionAsync(new CodingTask("x"), workspace, new HonkRunOptions { Configure = s => runner = s.Options.CommandRunner }, TestContext.Current.CancellationToken);

        Assert.Same(workspace, factory.Workspace);
        Assert.Same(factory.Created, runner);
    }

    private sealed class RecordingRunnerFactory : ICommandRunnerFactory
    {
        public Workspace? Workspace { get; private set; }

        public ICommandRunner? Created { get; private set; }

        public ICommandRunner Create(Workspace workspace)
        {
            Workspace = workspace;
            return Created = new NoRunner();
        }
    }

    private sealed class SinkAdapter(ListSink inner) : IAgentEventSink
    {
        public ValueTask OnEventAsync(AgentEvent agentEvent, CancellationToken cancellationToken = default) => inner.OnEventAsync(agentEvent, cancellationToken);
    }

    private sealed class NamedValidator : Validator
    {
        public override string Name => "named";

        protected override ValueTask<ValidationResult> ValidateCoreAsync(ValidationContext context, CancellationToken cancellationToken)
            => ValueTask.FromResult(ValidationResult.Success());
    }

    private sealed class EchoToolProvider : IToolProvider
    {
        public IEnumerable<AITool> GetTools() => [AIFunctionFactory.Create((string text) => text, "echo")];
    }
}
