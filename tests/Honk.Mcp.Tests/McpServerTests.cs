using System.Diagnostics;
using ModelContextProtocol.Protocol;

namespace Honk.Mcp.Tests;

/// <summary>`honk mcp --repo` as an MCP client uses it: the real process, the official client, stdio.</summary>
public sealed class McpServerTests : IDisposable
{
    private readonly string _repository = Directory.CreateTempSubdirectory("honk-mcp-").FullName;

    public McpServerTests()
    {
        File.WriteAllText(Path.Combine(_repository, "calc.js"), "export function add(a, b) {\n  return a - b;\n}\n");
        File.WriteAllText(Path.Combine(_repository, "calc.test.js"), "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { add } from './calc.js';\n\ntest('adds two numbers', () => {\n  assert.equal(add(2, 3), 5);\n});\n");
        File.WriteAllText(Path.Combine(_repository, "package.json"), """{ "name": "calc", "version": "1.0.0", "type": "module", "scripts": { "test": "node --test" } }""");
        Git("init", "--quiet");
        Git("add", "--all");
        Git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "--quiet", "-m", "init");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lists_the_workspace_tools_and_validate()
    {
        await using var client = await HonkMcpProcess.ConnectAsync(_repository, Ct);

        var names = (await client.ListToolsAsync(cancellationToken: Ct)).Select(t => t.Name).ToList();

        Assert.Equal("honk", client.ServerInfo?.Name);
        foreach (var expected in new[] { "read_file", "list_files", "search", "edit_file", "write_file", "apply_patch", "run_command", "git", "validate" })
        {
            Assert.Contains(expected, names);
        }
    }

    [Fact]
    public async Task Validate_names_the_failing_test_then_passes_after_an_edit_in_place()
    {
        await using var client = await HonkMcpProcess.ConnectAsync(_repository, Ct);

        var failing = await client.CallToolAsync("validate", new Dictionary<string, object?>(), cancellationToken: Ct);
        Assert.True(failing.IsError, Text(failing));
        Assert.Contains("adds two numbers", Text(failing), StringComparison.Ordinal);

        var edit = await client.CallToolAsync("edit_file", new Dictionary<string, object?> { ["path"] = "calc.js", ["old_text"] = "a - b", ["new_text"] = "a + b" }, cancellationToken: Ct);
        Assert.NotEqual(true, edit.IsError);
        Assert.Contains("a + b", await File.ReadAllTextAsync(Path.Combine(_repository, "calc.js"), Ct), StringComparison.Ordinal);

        var passing = await client.CallToolAsync("validate", new Dictionary<string, object?>(), cancellationToken: Ct);
        Assert.NotEqual(true, passing.IsError);
    }

    [Fact]
    public async Task A_path_outside_the_repository_is_an_error_result_with_the_reason()
    {
        await using var client = await HonkMcpProcess.ConnectAsync(_repository, Ct);

        var result = await client.CallToolAsync("read_file", new Dictionary<string, object?> { ["path"] = "../../etc/passwd" }, cancellationToken: Ct);

        Assert.True(result.IsError);
        Assert.Contains("outside the workspace", Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_edit_says_why()
    {
        await using var client = await HonkMcpProcess.ConnectAsync(_repository, Ct);

        var result = await client.CallToolAsync("edit_file", new Dictionary<string, object?> { ["path"] = "calc.js", ["old_text"] = "not in the file", ["new_text"] = "x" }, cancellationToken: Ct);

        Assert.True(result.IsError);
        Assert.Contains("old_text", Text(result), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/no/such/folder", "does not exist")]
    [InlineData("git://127.0.0.1/repo.git", "local folder")]
    public async Task A_bad_repository_is_refused_before_the_protocol_starts(string repository, string expected)
    {
        var (exitCode, stdout, stderr) = await HonkMcpProcess.RunRejectedAsync("--repo", repository);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_repository, recursive: true);

    private static string Text(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(c => c.Text));

    private void Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = _repository, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
