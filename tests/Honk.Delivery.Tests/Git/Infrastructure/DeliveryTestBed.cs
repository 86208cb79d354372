using Honk.Delivery.Git;
using Honk.Testing;
using Honk.Workspaces.Git;
using Microsoft.Extensions.Time.Testing;

namespace Honk.Delivery.Tests.Git.Infrastructure;

/// <summary>
/// One test's world: a real source repository, a workspace provider with its own cache, remotes served from a
/// folder, and a patch folder, all under temp folders removed on dispose.
/// </summary>
internal sealed class DeliveryTestBed : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TemporaryDirectory _root = new("honk-delivery");
    private readonly List<GitWorkspace> _workspaces = [];

    private DeliveryTestBed(TemporaryGitRepository source)
    {
        Source = source;
        Provider = new GitWorkspaceProvider(new GitWorkspaceOptions
        {
            CacheRoot = _root.Combine("cache"),
            CommandTimeout = TimeSpan.FromSeconds(60),
            NetworkTimeout = TimeSpan.FromSeconds(60),
        });
    }

    public TemporaryGitRepository Source { get; }

    public GitWorkspaceProvider Provider { get; }

    public string Root => _root.Path;

    public string PatchDirectory => _root.Combine("patches");

    /// <summary>The folder remotes are served from (git daemon's base path, http-backend's project root).</summary>
    public string ServedRoot => _root.Combine("served");

    public TimeProvider Clock { get; } = new FakeTimeProvider(Now);

    public static async Task<DeliveryTestBed> CreateAsync(IReadOnlyDictionary<string, string>? files = null)
    {
        var source = await TemporaryGitRepository.CreateAsync(
            files ?? new Dictionary<string, string> { ["src/Calc.cs"] = "class Calc { int Add(int a, int b) => a - b; }\n", ["README.md"] = "# calc\n" },
            TestContext.Current.CancellationToken);
        return new DeliveryTestBed(source);
    }

    public GitDeliveryOptions Options(Action<GitDeliveryOptions>? configure = null)
    {
        var options = new GitDeliveryOptions
        {
            CommitterName = "Honk Bot",
            CommitterEmail = "bot@honk.invalid",
            PatchDirectory = PatchDirectory,
            CommandTimeout = TimeSpan.FromSeconds(60),
            NetworkTimeout = TimeSpan.FromSeconds(60),
        };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>A bare copy of the source under <see cref="ServedRoot"/>, to serve as a remote.</summary>
    public string CreateServedRemote(string name = "remote.git")
    {
        Directory.CreateDirectory(ServedRoot);
        var path = Path.Combine(ServedRoot, name);
        GitCommand.Run(ServedRoot, "clone", "--quiet", "--bare", Source.Path, path);
        return path;
    }

    public async Task<GitWorkspace> AcquireAsync(string? repository = null, string? sessionId = null, string? branchName = null)
    {
        var request = new WorkspaceRequest(repository ?? Source.Path, sessionId ?? NewSessionId())
        {
            Label = "fix add",
            BranchName = branchName,
        };
        var workspace = await Provider.AcquireGitWorkspaceAsync(request, TestContext.Current.CancellationToken);
        _workspaces.Add(workspace);
        return workspace;
    }

    public static string NewSessionId() => "sess-" + Guid.NewGuid().ToString("N")[..12];

    public static void Edit(GitWorkspace workspace, string relativePath, string content)
    {
        var path = Path.Combine(workspace.RootPath, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public static DeliveryContext Context(
        GitWorkspace workspace,
        string sessionId,
        CodingTask? task = null,
        string? summary = "Fixed Add: it subtracted instead of adding.",
        string? model = "openai:gpt-test",
        string? branchName = null)
    {
        var result = new SessionResult
        {
            SessionId = sessionId,
            Status = SessionStatus.Succeeded,
            Summary = summary,
            Validators =
            [
                new ValidatorReport("dotnet", ValidationResult.Success("build ok, 3 tests passed")),
                new ValidatorReport("npm", ValidationResult.Skip("no package.json")),
            ],
        };
        return new DeliveryContext(task ?? new CodingTask("Fix Calc.Add so that it adds.") { Title = "Fix Calc.Add" }, workspace, result)
        {
            Model = model,
            BranchName = branchName,
        };
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var workspace in _workspaces)
        {
            await workspace.DisposeAsync();
        }

        await Source.DisposeAsync();
        _root.Dispose();
    }
}
