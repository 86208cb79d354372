using System.ComponentModel;
using System.Text.Json;
using Honk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace Honk.SemanticKernel.Tests;

/// <summary>
/// Both directions of the Semantic Kernel interop, with real kernels and real Honk sessions (scripted model, real git
/// workspaces): a kernel plugin called by a session's model, and a session started by invoking a kernel function.
/// </summary>
public sealed class SemanticKernelInteropTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _folder = new("honk-sk");
    private TemporaryGitRepository _repository = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
        => _repository = await TemporaryGitRepository.CreateAsync(new Dictionary<string, string> { ["README.md"] = "# Shop\n" }, Ct);

    public async ValueTask DisposeAsync()
    {
        await _repository.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_kernel_plugin_is_a_session_tool_the_model_calls_and_reads()
    {
        var kernel = new Kernel();
        kernel.Plugins.AddFromObject(new TicketsPlugin(), "tickets");
        var script = Script(
            new { toolCalls = new[] { new { name = "tickets_get_ticket", arguments = (object)new { id = "SHOP-7" } } } },
            new { text = "SHOP-7 asks for a guard against an empty cart; nothing to change here." });
        await using var provider = Compose(script, honk => honk.WithKernelPlugins(kernel));
        var events = new List<AgentEvent>();

        var result = await provider.GetRequiredService<HonkAgent>().RunAsync(new CodingTask("Read ticket SHOP-7."), _repository.Path, Run(events), Ct);

        Assert.Equal(SessionStatus.NoChanges, result.Status);
        var output = Assert.Single(events.OfType<ToolCallCompleted>(), e => e.Name == "tickets_get_ticket");
        Assert.Contains("Guard the total of an empty cart", output.Result, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plugins_schema_loses_the_condition_keyword_but_keeps_a_parameter_named_condition()
    {
        var kernel = new Kernel();
        kernel.Plugins.AddFromObject(new TicketsPlugin(), "tickets");
        var function = kernel.Plugins["tickets"]["search_tickets"];

        var schema = KernelPluginTool.WithoutConditions(function.JsonSchema).GetRawText();

        Assert.Contains("\"condition\":{", schema.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        using var document = JsonDocument.Parse(schema);
        Assert.False(document.RootElement.TryGetProperty("condition", out _));
        Assert.All(document.RootElement.GetProperty("properties").EnumerateObject(), p => Assert.False(p.Value.TryGetProperty("condition", out _)));
    }

    [Fact]
    public async Task A_kernel_runs_a_coding_session_through_the_honk_function()
    {
        var script = Script(
            new { toolCalls = new[] { new { name = "write_file", arguments = (object)new { path = "CHANGELOG.md", content = "- Guard the empty cart.\n" } } } },
            new { text = "Added the changelog entry." });
        await using var provider = Compose(script);
        var kernel = new Kernel();
        var options = new HonkKernelFunctionOptions();
        options.Repositories.Add(_repository.Path);
        kernel.Plugins.AddFromFunctions("honk", [HonkKernelFunction.Create(provider.GetRequiredService<HonkAgent>(), options)]);

        var answer = await kernel.InvokeAsync("honk", "run_coding_task", new KernelArguments { ["task"] = "Add a changelog entry for the empty-cart guard." }, Ct);

        using var json = JsonDocument.Parse(answer.ToString());
        Assert.Equal("Succeeded", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(["CHANGELOG.md"], json.RootElement.GetProperty("changedFiles").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task The_honk_function_refuses_a_repository_it_was_not_given()
    {
        await using var provider = Compose(Script(new { text = "unused" }));
        var kernel = new Kernel();
        var options = new HonkKernelFunctionOptions();
        options.Repositories.Add(_repository.Path);
        kernel.Plugins.AddFromFunctions("honk", [HonkKernelFunction.Create(provider.GetRequiredService<HonkAgent>(), options)]);

        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
            await kernel.InvokeAsync("honk", "run_coding_task", new KernelArguments { ["task"] = "Delete everything.", ["repository"] = "/etc" }, Ct));

        Assert.Contains("not allowed", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_honk_function_needs_an_allowed_repository()
    {
        using var provider = Compose(Script(new { text = "unused" }));

        var error = Assert.Throws<ArgumentException>(() => HonkKernelFunction.Create(provider.GetRequiredService<HonkAgent>(), new HonkKernelFunctionOptions()));

        Assert.Contains("at least one repository", error.Message, StringComparison.Ordinal);
    }

    private string Script(params object[] turns)
    {
        var path = Path.Combine(_folder.Path, $"script-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new { turns }));
        return path;
    }

    private ServiceProvider Compose(string script, Action<IHonkBuilder>? extend = null)
    {
        var services = new ServiceCollection();
        var honk = services.AddHonk(o => o.Model = $"script:{script}")
            .AddBuiltInTools()
            .AddSandbox()
            .AddGitWorkspaces(o => o.CacheRoot = Path.Combine(_folder.Path, "cache"));
        extend?.Invoke(honk);
        return services.BuildServiceProvider();
    }

    private static HonkRunOptions Run(List<AgentEvent> events)
    {
        var run = new HonkRunOptions();
        run.EventSinks.Add(new ListSink(events));
        return run;
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

    /// <summary>A plugin an app might already have for its kernel.</summary>
    public sealed class TicketsPlugin
    {
        [KernelFunction("get_ticket")]
        [Description("Reads a ticket by its id.")]
        public string GetTicket([Description("The ticket id, e.g. SHOP-7.")] string id)
            => id == "SHOP-7" ? "SHOP-7: Guard the total of an empty cart (it throws today)." : $"No ticket {id}.";

        [KernelFunction("search_tickets")]
        [Description("Searches tickets.")]
        public string SearchTickets([Description("A condition tickets must meet.")] string condition) => $"0 tickets match {condition}.";
    }
}
