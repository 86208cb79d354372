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
            .WithEventSink<SinkAdapter>();
        await using var provider = services.BuildServiceProvider();
        await using var workspace = new FolderWorkspace();

        var result = await provider.GetRequiredService<HonkAgent>().CreateSession(new CodingTask("x"), workspace).RunAsync(TestContext.Current.CancellationToken);

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
    public void InvalidOptions_FailWhenTheAgentIsFirstUsed_NamingTheProblem()
    {
        var services = new ServiceCollection();
        services.AddHonk(o => o.Loop.MaxToolResultChars = 5).WithChatClient(Script("""{ "turns": [] }"""));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<HonkAgent>().CreateSession(new CodingTask("x")));

        Assert.Contains("MaxToolResultChars", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoModel_IsAClearError()
    {
        var services = new ServiceCollection();
        services.AddHonk();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<HonkAgent>().CreateSession(new CodingTask("x")));

        Assert.Contains("WithChatClient", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OptionsAreSnapshotted_PerSession()
    {
        var services = new ServiceCollection();
        services.AddHonk(o => o.Loop.Budget = new Budget { MaxTurns = 1 }).WithChatClient(Script("""{ "turns": [ { "text": "a" }, { "text": "b" } ] }"""));
        using var provider = services.BuildServiceProvider();
        var agent = provider.GetRequiredService<HonkAgent>();
        var session = agent.CreateSession(new CodingTask("x"));

        provider.GetRequiredService<IOptionsMonitor<HonkOptions>>().CurrentValue.Loop.Budget = Budget.Unlimited;
        var events = await CollectAsync(session, TestContext.Current.CancellationToken);

        Assert.Equal(1, Assert.IsType<SessionStarted>(events[0]).Budget.MaxTurns);
    }

    [Fact]
    public void ToolProviders_ContributeTools()
    {
        var services = new ServiceCollection();
        services.AddHonk().WithChatClient(Script("""{ "turns": [] }""")).WithToolProvider<EchoToolProvider>();
        using var provider = services.BuildServiceProvider();

        var session = provider.GetRequiredService<HonkAgent>().CreateSession(new CodingTask("x"), configure: o => Assert.Contains(o.Tools, t => t.Name == "echo"));

        Assert.NotNull(session);
    }

    [Fact]
    public async Task CommandRunnerFactory_GivesEachSessionARunnerForItsWorkspace()
    {
        var factory = new RecordingRunnerFactory();
        var services = new ServiceCollection();
        services.AddHonk().WithChatClient(Script("""{ "turns": [ { "text": "hi" } ] }""")).WithCommandRunnerFactory(factory);
        await using var provider = services.BuildServiceProvider();
        await using var workspace = new FolderWorkspace();

        provider.GetRequiredService<HonkAgent>().CreateSession(new CodingTask("x"), workspace, o => Assert.Same(factory.Created, o.CommandRunner));

        Assert.Same(workspace, factory.Workspace);
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

    private sealed class NoRunner : ICommandRunner
    {
        public Task<CommandResult> RunAsync(CommandRequest request, CancellationToken cancellationToken = default)
            => Task.FromResult(new CommandResult(0, "", TimeSpan.Zero));
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
