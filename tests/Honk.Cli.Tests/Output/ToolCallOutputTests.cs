using Honk.Testing;

namespace Honk.Cli.Tests.Output;

/// <summary>What a person watching <c>honk run</c> sees of a tool call that worked.</summary>
public sealed class ToolCallOutputTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _folder = new();
    private TemporaryGitRepository _repo = null!;

    public async ValueTask InitializeAsync()
    {
        _repo = await TemporaryGitRepository.CreateAsync(cancellationToken: TestContext.Current.CancellationToken);
        await _repo.CommitFilesAsync(new Dictionary<string, string> { ["greeting.txt"] = "Hello, wrld!\n" }, "greeting", TestContext.Current.CancellationToken);
        _folder.WriteFile("look.json", """
            { "turns": [
              { "toolCalls": [ { "name": "run_command", "arguments": { "command": "ls no-such-file" } } ] },
              { "toolCalls": [ { "name": "write_file", "arguments": { "path": "notes.txt", "content": "seen" } } ] },
              { "text": "Looked around." } ] }
            """);
    }

    public async ValueTask DisposeAsync()
    {
        await _repo.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Run_CommandThatFails_ShowsItsExitCodeAndCountsLinesInEnglish()
    {
        var run = await HonkProcess.RunAsync(_folder.Path, null, "run", "--repo", _repo.Path, "--task", "Look around", "--model", "script:look.json", "--deliver", "none");

        // The tool worked (✓) while the command failed: the line must say which, or it reads as "the command passed".
        Assert.Contains("✓ run_command (exit code 2, ", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("✓ write_file (1 line, ", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(" 1 lines", run.Stdout, StringComparison.Ordinal);
    }
}
