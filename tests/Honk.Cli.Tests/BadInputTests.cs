using Honk.Testing;

namespace Honk.Cli.Tests;

public sealed class BadInputTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _folder = new();
    private TemporaryGitRepository _repo = null!;

    public async ValueTask InitializeAsync()
    {
        _repo = await TemporaryGitRepository.CreateAsync(cancellationToken: TestContext.Current.CancellationToken);
        _folder.WriteFile("broken.json", "{ \"turns\": [ { \"txt\": 1 } ] }");
        _folder.WriteFile("s.json", "{ \"turns\": [ { \"text\": \"nothing to do\" } ] }");
        _folder.WriteFile("empty-task.md", "---\ntitle: nothing\n---\n");
        _folder.WriteFile("deep.json", "{\"turns\":" + new string('[', 100_000) + new string(']', 100_000) + "}");
    }

    public async ValueTask DisposeAsync()
    {
        await _repo.DisposeAsync();
        _folder.Dispose();
    }

    public static TheoryData<string, string[]> Cases => new()
    {
        { "does not exist", ["run", "--repo", "/no/such/repo", "--task", "x", "--model", "script:s.json"] },
        { "No task given", ["run", "--repo", "{repo}", "--model", "script:s.json"] },
        { "The task is empty", ["run", "--repo", "{repo}", "--task", "   ", "--model", "script:s.json"] },
        { "either --task or --task-file", ["run", "--repo", "{repo}", "--task", "x", "--task-file", "t.md", "--model", "script:s.json"] },
        { "task file 'missing.md' does not exist", ["run", "--repo", "{repo}", "--task-file", "missing.md", "--model", "script:s.json"] },
        { "empty-task.md", ["run", "--repo", "{repo}", "--task-file", "empty-task.md", "--model", "script:s.json"] },
        { "No model is configured", ["run", "--repo", "{repo}", "--task", "x"] },
        { "Unknown model provider 'gpt'", ["run", "--repo", "{repo}", "--task", "x", "--model", "gpt:4"] },
        { "ANTHROPIC_API_KEY", ["run", "--repo", "{repo}", "--task", "x", "--model", "anthropic:claude-sonnet-4-5"] },
        { "OPENAI_API_KEY", ["run", "--repo", "{repo}", "--task", "x", "--model", "openai:gpt-5"] },
        { "cannot read the script", ["run", "--repo", "{repo}", "--task", "x", "--model", "script:missing.json"] },
        { "txt", ["run", "--repo", "{repo}", "--task", "x", "--model", "script:broken.json"] },
        { "Unknown delivery 'ftp'", ["run", "--repo", "{repo}", "--task", "x", "--model", "script:broken.json", "--deliver", "ftp"] },
        { "--max-turns must be greater than zero", ["run", "--repo", "{repo}", "--task", "x", "--model", "script:s.json", "--max-turns", "-3"] },
        { "a whole number", ["run", "--repo", "{repo}", "--task", "x", "--model", "script:s.json", "--max-turns", "lots"] },
        { "is not a git repository", ["run", "--repo", "{folder}", "--task", "x", "--model", "script:s.json"] },
        { "is a file, not a folder", ["run", "--repo", "{folder}/broken.json", "--task", "x", "--model", "script:s.json"] },
        { "'--repo' is required", ["run", "--task", "x"] },
        { "Unrecognized command or argument 'fly'", ["fly"] },
        { "'--upload-pack=touch /tmp/honk-pwned' is not a valid branch name", ["run", "--repo", "{repo}", "--task", "x", "--model", "script:s.json", "--branch", "--upload-pack=touch /tmp/honk-pwned"] },
        { "'-x' is not a valid branch name", ["run", "--repo", "{repo}", "--task", "x", "--model", "script:s.json", "--branch", "-x"] },
        { "wrong kind of value at $.turns[0]", ["run", "--repo", "{repo}", "--task", "x", "--model", "script:deep.json"] },
        { "longer than 1,000,000 characters", ["run", "--repo", "{repo}", "--task-file", "/dev/zero", "--model", "script:s.json"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadInput_IsOnePlainMessage_ExitCode2_AndJsonWhenAsked(string expected, string[] arguments)
    {
        var args = arguments.Select(a => a.Replace("{repo}", _repo.Path, StringComparison.Ordinal).Replace("{folder}", _folder.Path, StringComparison.Ordinal)).ToArray();

        var plain = await HonkProcess.RunAsync(_folder.Path, null, args);
        var json = await HonkProcess.RunAsync(_folder.Path, null, [.. args, "--json"]);

        Assert.True(plain.ExitCode == 2, plain.ToString());
        Assert.Contains(expected, plain.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", plain.Stderr, StringComparison.Ordinal);
        Assert.StartsWith("error: ", plain.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, json.ExitCode);
        var body = json.Json();
        Assert.Equal("failed", body.GetProperty("status").GetString());
        Assert.Contains(expected, body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
