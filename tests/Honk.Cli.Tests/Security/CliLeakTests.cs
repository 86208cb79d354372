using Honk.Models.Tests.Infrastructure;
using Honk.Security.Tests;
using Honk.Testing;

namespace Honk.Cli.Tests.Security;

/// <summary>
/// <c>honk run</c> on a repository with committed secrets, a host environment with a secret variable and a model
/// that reads, prints and repeats them all: every output of the CLI — stdout (<c>--json</c> and human), stderr, the
/// transcript, the commit message and the patch, the pull request sent to a loopback GitHub and the branch name — counts
/// 0 planted secrets (21 kinds, the host's own keys in its environment included).
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

    [Fact]
    public async Task Run_DeliverPullRequest_ToALoopbackGitHub_LeaksNoPlantedSecretInThePullRequestOrBranch()
    {
        // The repository's origin is a bare repository; GitHub's API is a loopback server that records what it gets.
        var origin = _folder.Combine("origin.git");
        await _repo.RunGitAsync(["clone", "--quiet", "--bare", _repo.Path, origin], TestContext.Current.CancellationToken);
        await _repo.RunGitAsync(["remote", "add", "origin", origin], TestContext.Current.CancellationToken);
        await using var github = new LoopbackHttpServer((request, _) => GitHubAnswer(request));
        _folder.WriteFile("honk.json", $$"""{ "githubRepository": "octo/shop", "githubApiUrl": "{{github.BaseUri}}" }""");

        // The task itself carries secrets in well-known formats (a pasted log line): the branch named from it must not.
        var run = await HonkProcess.RunAsync(
            _folder.Path,
            _secrets.HostEnvironment,
            ["run", "--repo", _repo.Path, "--task", $"{_secrets.AwsAccessKey} {_secrets.GitHubToken} rotated: fix the greeting's typo", "--model", "script:leaky.json", "--no-judge", "--transcripts", _folder.Combine("transcripts"), "--deliver", "pr", "--json"]);

        Assert.True(run.ExitCode == 0, run.ToString() + string.Join('\n', github.Requests.Select(r => r.Method + " " + r.Path)));
        var created = Assert.Single(github.Requests, r => r.Method == "POST" && r.Path.EndsWith("/pulls", StringComparison.Ordinal));
        var branch = run.Json().GetProperty("branch").GetString()!;
        var leaks = new List<string>();
        leaks.AddRange(_secrets.FindLeaks("--json stdout", run.Stdout));
        leaks.AddRange(_secrets.FindLeaks("stderr", run.Stderr));
        leaks.AddRange(Transcripts());
        leaks.AddRange(_secrets.FindLeaks("pull request (loopback GitHub)", string.Join('\n', github.Requests.Select(r => r.Path + "\n" + r.Body))));
        leaks.AddRange(_secrets.FindLeaks("branch name", branch));
        leaks.AddRange(_secrets.FindLeaks("pushed commit message", await _repo.RunGitAsync(["--git-dir", origin, "log", "-1", "--format=%B", branch], TestContext.Current.CancellationToken)));
        Assert.True(leaks.Count == 0, "Leaked: " + string.Join("; ", leaks));

        // The token reached GitHub only as the credential it is, and the body says what was done, secrets marked.
        Assert.Equal("Bearer " + _secrets.GitHubClassicToken, created.Header("Authorization"));
        Assert.Contains("[REDACTED:", created.Json().GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_secrets.AwsAccessKey.ToLowerInvariant(), branch, StringComparison.Ordinal);
    }

    private static LoopbackResponse GitHubAnswer(RecordedRequest request) => (request.Method, request.Path) switch
    {
        ("GET", var p) when p.Contains("/pulls", StringComparison.Ordinal) => LoopbackResponse.Json("[]"),
        ("GET", _) => LoopbackResponse.Json("""{ "full_name": "octo/shop", "default_branch": "main" }"""),
        ("POST", var p) when p.EndsWith("/pulls", StringComparison.Ordinal) => LoopbackResponse.Json(
            """{ "number": 7, "html_url": "https://github.test/octo/shop/pull/7", "state": "open", "title": "t", "head": { "ref": "h" }, "base": { "ref": "main" } }""", 201),
        _ => LoopbackResponse.Json("""{ "message": "Not Found" }""", 404),
    };

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
