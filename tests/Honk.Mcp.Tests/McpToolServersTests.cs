using Microsoft.Extensions.AI;

namespace Honk.Mcp.Tests;

/// <summary>
/// A session's tools from an outside MCP server. The outside server here is a real one in its own process: another
/// <c>honk mcp</c> serving a second folder.
/// </summary>
public sealed class McpToolServersTests : IDisposable
{
    private readonly string _served = Directory.CreateTempSubdirectory("honk-mcp-served-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private McpServerDefinition Server(string name = "docs") => new()
    {
        Name = name,
        Command = "dotnet",
        Arguments = [Path.Combine(AppContext.BaseDirectory, "Honk.Cli.dll"), "mcp", "--repo", _served, "--no-restore"],
        WorkingDirectory = _served,
    };

    [Fact]
    public async Task Tools_are_prefixed_with_the_server_name_and_return_text()
    {
        await File.WriteAllTextAsync(Path.Combine(_served, "guide.md"), "# Style\nUse tabs.\n", Ct);
        await using var servers = await McpToolServers.ConnectAsync([Server()], cancellationToken: Ct);

        var read = servers.Tools.Single(t => t.Name == "docs__read_file");
        var text = await read.InvokeAsync(new AIFunctionArguments { ["path"] = "guide.md" }, Ct);

        Assert.DoesNotContain(servers.Tools, t => !t.Name.StartsWith("docs__", StringComparison.Ordinal));
        Assert.Contains("Use tabs.", text?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_result_is_a_tool_exception_with_the_servers_reason()
    {
        await using var servers = await McpToolServers.ConnectAsync([Server()], cancellationToken: Ct);

        var read = servers.Tools.Single(t => t.Name == "docs__read_file");
        var error = await Assert.ThrowsAsync<ToolException>(async () => await read.InvokeAsync(new AIFunctionArguments { ["path"] = "../outside.txt" }, Ct));

        Assert.Contains("outside the workspace", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Long_results_are_capped()
    {
        await File.WriteAllTextAsync(Path.Combine(_served, "big.txt"), string.Join('\n', Enumerable.Range(0, 2000).Select(i => $"line {i} " + new string('x', 60))), Ct);
        await using var servers = await McpToolServers.ConnectAsync([Server()], maxResultCharacters: 1_000, cancellationToken: Ct);

        var text = (await servers.Tools.Single(t => t.Name == "docs__read_file").InvokeAsync(new AIFunctionArguments { ["path"] = "big.txt" }, Ct))!.ToString()!;

        Assert.True(text.Length < 1_100, $"{text.Length} characters");
        Assert.Contains("more characters cut", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bad name", "letters, digits")]
    [InlineData("ok", "exactly one of")]
    public async Task Invalid_definitions_are_refused_with_the_reason(string name, string expected)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => McpToolServers.ConnectAsync([new McpServerDefinition { Name = name }], cancellationToken: Ct));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_cannot_start_is_named_in_the_error()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => McpToolServers.ConnectAsync([new McpServerDefinition { Name = "ghost", Command = "/no/such/program" }], cancellationToken: Ct));
        Assert.Contains("ghost", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tool_names_stay_within_what_model_apis_accept()
    {
        var name = McpClientToolAdapter.ToolName("srv", "a.b/c " + new string('x', 100));
        Assert.Equal(64, name.Length);
        Assert.Matches("^[A-Za-z0-9_-]+$", name);
    }

    public void Dispose() => Directory.Delete(_served, recursive: true);
}
