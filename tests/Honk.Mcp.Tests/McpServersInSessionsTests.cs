using System.Diagnostics;
using System.Text.Json;

namespace Honk.Mcp.Tests;

/// <summary>
/// Outside MCP servers in real sessions, through <c>honk run</c>: configured in honk.json's <c>"mcpServers"</c>, chosen by
/// a task file's <c>mcp_servers</c>. The outside server is a real one in its own process (another <c>honk mcp</c>
/// serving a folder the session's repository does not contain).
/// </summary>
public sealed class McpServersInSessionsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("honk-mcp-session-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Cli => Path.Combine(AppContext.BaseDirectory, "Honk.Cli.dll");

    private string Repository => Path.Combine(_root, "repo");

    private string Served => Path.Combine(_root, "served");

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
    public async Task A_session_calls_a_configured_servers_tool_and_reads_its_result()
    {
        await ArrangeAsync();
        var task = await TaskFileAsync("Read the style guide.", mcpServers: null);

        var (exit, stdout, stderr) = await RunAsync(task);

        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("no_changes", json.RootElement.GetProperty("status").GetString());
        var transcript = await File.ReadAllTextAsync(json.RootElement.GetProperty("transcript").GetString()!, Ct);
        Assert.Contains("docs__read_file", transcript, StringComparison.Ordinal);

        // The text exists only in the served folder: it reached the session through the outside server.
        Assert.Contains("Indent with tabs, never spaces.", transcript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_naming_no_servers_gets_none_of_their_tools()
    {
        await ArrangeAsync();
        var task = await TaskFileAsync("Read the style guide.", mcpServers: "[]");

        var (_, stdout, stderr) = await RunAsync(task);

        using var json = JsonDocument.Parse(stdout);
        var transcript = await File.ReadAllTextAsync(json.RootElement.GetProperty("transcript").GetString()!, Ct);
        Assert.DoesNotContain("Indent with tabs, never spaces.", transcript, StringComparison.Ordinal);
        Assert.Contains("docs__read_file", transcript + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_naming_a_server_the_host_does_not_configure_fails_with_the_reason()
    {
        await ArrangeAsync();
        var task = await TaskFileAsync("Read the style guide.", mcpServers: "[tickets]");

        var (exit, stdout, stderr) = await RunAsync(task);

        Assert.NotEqual(0, exit);
        Assert.Contains("'tickets'", stdout + stderr, StringComparison.Ordinal);
        Assert.Contains("docs", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_file_cannot_define_a_server()
    {
        await ArrangeAsync();
        var task = await TaskFileAsync("Read the style guide.", mcpServers: "\n  evil:\n    command: sh");

        var (exit, stdout, stderr) = await RunAsync(task);

        Assert.NotEqual(0, exit);
        Assert.Contains("cannot define a server", stdout + stderr, StringComparison.Ordinal);
    }

    private async Task ArrangeAsync()
    {
        Directory.CreateDirectory(Served);
        await File.WriteAllTextAsync(Path.Combine(Served, "style.md"), "# Style\nIndent with tabs, never spaces.\n", Ct);
        Directory.CreateDirectory(Repository);
        await File.WriteAllTextAsync(Path.Combine(Repository, "README.md"), "A repository without checks.\n", Ct);
        await GitAsync("init", "--quiet", "--initial-branch=main");
        await GitAsync("add", "-A");
        await GitAsync("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "--quiet", "-m", "init");

        var script = new
        {
            turns = new object[]
            {
                new { toolCalls = new[] { new { name = "docs__read_file", arguments = new { path = "style.md" } } } },
                new { text = "The guide says to indent with tabs; nothing to change." },
            },
        };
        await File.WriteAllTextAsync(Path.Combine(_root, "script.json"), JsonSerializer.Serialize(script), Ct);
        var config = new
        {
            mcpServers = new Dictionary<string, object>
            {
                ["docs"] = new { command = "dotnet", args = new[] { Cli, "mcp", "--repo", Served, "--no-restore" }, cwd = Served },
            },
        };
        await File.WriteAllTextAsync(Path.Combine(_root, "honk.json"), JsonSerializer.Serialize(config), Ct);
    }

    private async Task<string> TaskFileAsync(string goal, string? mcpServers)
    {
        var path = Path.Combine(_root, "task.md");
        var front = mcpServers is null ? "" : $"mcp_servers: {mcpServers}\n";
        await File.WriteAllTextAsync(path, $"---\n{front}---\n{goal}\n", Ct);
        return path;
    }

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string taskFile)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _root };
        foreach (var argument in new[]
        {
            Cli, "run", "--repo", Repository, "--task-file", taskFile, "--model", $"script:{Path.Combine(_root, "script.json")}",
            "--no-judge", "--deliver", "none", "--json", "--transcripts", Path.Combine(_root, "transcripts"), "--config", Path.Combine(_root, "honk.json"),
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, await stdout, await stderr);
    }

    private async Task GitAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Repository, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', arguments)}: {await process.StandardError.ReadToEndAsync(Ct)}");
    }
}
