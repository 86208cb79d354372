using Honk.Security.Tests;
using Honk.Testing;

namespace Honk.Cli.Tests.Security;

/// <summary>
/// <c>honk run</c> on a repository with committed secrets, a host environment with a secret variable and a model
/// that reads, prints and repeats them all: every output of the CLI — stdout (<c>--json</c> and human), stderr, the
/// transcript, the commit message and the patch — counts 0 planted secrets.
/// </summary>
[Trait("Category", "Security")]
public sealed class CliLeakTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _folder = new();
    private readonly PlantedSecrets _secrets = PlantedSecrets.Create();
    private TemporaryGitRepository _repo = null!;

    public async ValueTask InitializeAsync()
    {
        _repo = await TemporaryGitRepository.CreateAsync(cancellationToken: TestContext.Current.CancellationToken);
        await _repo.CommitFilesAsync(_secrets.RepositoryFiles, "app with committed secrets", TestContext.Current.CancellationToken);
        _folder.WriteFile("leaky.json", _secrets.ModelScript());
    }

    public async ValueTask DisposeAsync()
    {
        await _repo.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Run_Json_WithPatchDelivery_LeaksNoPlantedSecret()
    {
        var run = await RunAsync("--deliver", "patch", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = run.Json();
        var patch = json.GetProperty("deliveries").EnumerateArray().Select(d => d.GetProperty("patchPath").GetString()).Single(p => p is not null)!;
        var leaks = new List<string>();
        leaks.AddRange(_secrets.FindLeaks("--json stdout", run.Stdout));
        leaks.AddRange(_secrets.FindLeaks("stderr", run.Stderr));
        leaks.AddRange(Transcripts());
        leaks.AddRange(_secrets.FindLeaks("patch", File.ReadAllText(patch)));
        Assert.True(leaks.Count == 0, "Leaked: " + string.Join("; ", leaks));

        // The summary survives with its secrets marked, and the patch still carries the fix.
        Assert.Contains("[REDACTED:", json.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains("+Hello, world!", File.ReadAllText(patch), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_HumanOutput_WithBranchDelivery_LeaksNoPlantedSecret()
    {
        var run = await RunAsync("--deliver", "branch", "--verbose");

        Assert.True(run.ExitCode == 0, run.ToString());
        var branch = (await _repo.RunGitAsync(["branch", "--list", "honk/*", "--format=%(refname:short)"], TestContext.Current.CancellationToken)).Trim();
        var commit = await _repo.RunGitAsync(["log", "-1", "--format=%B", branch], TestContext.Current.CancellationToken);
        var change = await _repo.RunGitAsync(["show", "--format=", branch], TestContext.Current.CancellationToken);
        var leaks = new List<string>();
        leaks.AddRange(_secrets.FindLeaks("stdout", run.Stdout));
        leaks.AddRange(_secrets.FindLeaks("stderr", run.Stderr));
        leaks.AddRange(Transcripts());
        leaks.AddRange(_secrets.FindLeaks("commit message", commit));
        leaks.AddRange(_secrets.FindLeaks("commit diff", change));
        Assert.True(leaks.Count == 0, "Leaked: " + string.Join("; ", leaks));

        Assert.Contains("[REDACTED:", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("[REDACTED:", commit, StringComparison.Ordinal);
        Assert.Contains("+Hello, world!", change, StringComparison.Ordinal);
    }

    private Task<HonkRun> RunAsync(params string[] extra)
        => HonkProcess.RunAsync(
            _folder.Path,
            _secrets.HostEnvironment,
            ["run", "--repo", _repo.Path, "--task", "Fix the greeting's typo", "--model", "script:leaky.json", "--no-judge", "--transcripts", _folder.Combine("transcripts"), .. extra]);

    private IEnumerable<string> Transcripts()
    {
        var files = Directory.GetFiles(_folder.Combine("transcripts"), "*.jsonl");
        Assert.NotEmpty(files);
        return files.SelectMany(f => _secrets.FindLeaks("transcript", File.ReadAllText(f)));
    }
}
