using System.Diagnostics;
using System.Text.Json;
using Honk.Testing;

namespace Honk.Cli.Tests.Outcomes;

/// <summary>
/// The outcome rules end to end through <c>honk run --model script:</c>, on real toolchains in the sandbox, for every
/// validator family that can run here: a withheld fix never ends succeeded or no_changes; a correct fix succeeds with
/// the unrelated project's failure tolerated and listed; no change on failing checks fails; no change on a passing tree
/// is no_changes; no test run is not a pass.
/// </summary>
public sealed class OutcomeRulesEndToEndTests : IClassFixture<OutcomeRepositories>
{
    private readonly OutcomeRepositories _repositories;

    public OutcomeRulesEndToEndTests(OutcomeRepositories repositories) => _repositories = repositories;

    public static TheoryData<string> Families => [.. ToolchainFamily.All.Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(Families))]
    public async Task ACommentOnlyChange_OnFailingTests_NeverSucceeds(string name)
    {
        var (family, repo) = await _repositories.FailingAsync(name);
        var script = Script(Edit(family.CalcSource, family.Bug, family.Comment + "\n" + family.Bug), Stop("I cannot find the problem."));

        var run = await RunAsync(family, repo, script, "Make the calc tests pass: add must return the sum.");

        var json = run.Json();
        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.NotEqual("succeeded", json.GetProperty("status").GetString());
        Assert.NotEqual("no_changes", json.GetProperty("status").GetString());
        var validators = Summaries(json);
        Assert.Contains(family.CalcTestName, validators, StringComparison.Ordinal);
        Assert.DoesNotContain(PreExisting(json), p => p.Contains(family.CalcTestName, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task StoppingWithoutAChange_WhileChecksFail_ExitsNonZero_SayingSo(string name)
    {
        var (family, repo) = await _repositories.FailingAsync(name);

        var run = await RunAsync(family, repo, Script(Stop("The tests look fine to me.")), "Make the calc tests pass: add must return the sum.");

        var json = run.Json();
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal("failed", json.GetProperty("status").GetString());
        Assert.Contains("stopped without changing any file while the repository's checks fail", json.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains(family.CalcTestName, Summaries(json), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task ACorrectFix_Succeeds_AndAnUnrelatedProjectsFailureIsToleratedAndListed(string name)
    {
        var (family, repo) = await _repositories.FailingAsync(name);

        var run = await RunAsync(family, repo, Script(Edit(family.CalcSource, family.Bug, family.Fix), Stop("add returns the sum now.")), "Make the calc tests pass: add must return the sum.");

        var json = run.Json();
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("succeeded", json.GetProperty("status").GetString());

        // The unrelated failure is listed wherever the gate ran it (a scoped validator may not run it at all).
        var summaries = Summaries(json);
        Assert.DoesNotContain(family.CalcTestName, summaries, StringComparison.Ordinal);
        if (summaries.Contains(family.StringsTestName, StringComparison.Ordinal))
        {
            Assert.Contains(PreExisting(json), p => p.Contains(family.StringsTestName, StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task StoppingWithoutAChange_OnAPassingTree_IsNoChanges(string name)
    {
        var (family, repo) = await _repositories.PassingAsync(name);

        var run = await RunAsync(family, repo, Script(Stop("Nothing to do: add already returns the sum.")), "Make the calc tests pass: add must return the sum.");

        var json = run.Json();
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("no_changes", json.GetProperty("status").GetString());
        Assert.Contains("the checks pass on the untouched tree", json.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.All(json.GetProperty("validators").EnumerateArray(), v => Assert.True(v.GetProperty("passed").GetBoolean(), v.ToString()));
        Assert.NotEqual(0, json.GetProperty("validators").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task NoTestsRan_IsNotAPass(string name)
    {
        var (family, repo) = await _repositories.NoTestsAsync(name);
        if (repo is null)
        {
            Assert.Skip($"{name}: its test step leaves nothing Honk can tell 'no tests ran' from.");
        }

        var source = family.NoTests!.Keys.First(k => !k.Contains("test", StringComparison.OrdinalIgnoreCase) && !IsProjectFile(k));
        var text = family.NoTests[source];
        var line = text.Split('\n')[0];
        var comment = family.Comment.Trim() + "\n" + line;

        var run = await RunAsync(family, repo, Script(Edit(source, line, comment), Stop("Documented add.")), "Document add.");

        var json = run.Json();
        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.NotEqual("succeeded", json.GetProperty("status").GetString());
        Assert.Contains("no tests ran", Summaries(json), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AModelThatSwitchesOffTheTestsInHonkJson_StillMeetsThem_TheBaseCommitsSettingsHold()
    {
        var (family, repo) = await _repositories.FailingAsync("npm");
        var settings = """{ "validators": { "npm": { "skipScripts": ["test"] } } }""";
        var write = JsonSerializer.Serialize(new { toolCalls = new[] { new { name = "write_file", arguments = new { path = "honk.json", content = settings } } } });

        var run = await RunAsync(family, repo, Script(write, Stop("The calc tests no longer fail the build.")), "Make the test 'adds two small numbers' in calc/test/add.test.js pass.");

        var json = run.Json();
        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.NotEqual("succeeded", json.GetProperty("status").GetString());
        Assert.Contains(family.CalcTestName, Summaries(json), StringComparison.Ordinal);
    }

    private static bool IsProjectFile(string path)
        => Path.GetFileName(path) is "package.json" or "go.mod" or "Cargo.toml" or "CMakeLists.txt" or "pytest.ini" or "Makefile" or "pom.xml" or "build.gradle" or "nuget.config"
            || Path.GetExtension(path) is ".csproj" or ".slnx";

    private async Task<HonkRun> RunAsync(ToolchainFamily family, string repo, string script, string task)
    {
        using var folder = new TemporaryDirectory();
        folder.WriteFile("script.json", script);
        var run = await HonkProcess.RunAsync(family.RunTimeout, folder.Path, OutcomeRepositories.EnvironmentFor(family), "run", "--repo", repo, "--task", task, "--model", "script:script.json", "--deliver", "none", "--json");
        return run;
    }

    private static string Summaries(JsonElement json)
        => string.Join('\n', json.GetProperty("validators").EnumerateArray().Select(v => v.GetProperty("summary").GetString()));

    private static List<string> PreExisting(JsonElement json)
        => [.. json.GetProperty("preExisting").EnumerateArray().Select(e => e.GetString()!)];

    private static string Edit(string path, string oldText, string newText)
        => JsonSerializer.Serialize(new { toolCalls = new[] { new { name = "edit_file", arguments = new { path, old_text = oldText, new_text = newText } } } });

    private static string Stop(string text) => JsonSerializer.Serialize(new { text });

    private static string Script(params string[] turns) => "{ \"turns\": [" + string.Join(",", turns) + "] }";
}

/// <summary>The families' repositories, made once for the whole class: the runs only read them (each works in its own worktree).</summary>
public sealed class OutcomeRepositories : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, TemporaryGitRepository> _made = new(StringComparer.Ordinal);

    /// <summary>The environment of a family's runs: its own variables; pytest needs the system Python, which has pytest.</summary>
    public static Dictionary<string, string?>? EnvironmentFor(ToolchainFamily family)
        => family.Name == "pytest" ? new() { ["PATH"] = "/usr/bin:" + Environment.GetEnvironmentVariable("PATH") } : family.RunEnvironment;

    public Task<(ToolchainFamily Family, string Repo)> FailingAsync(string name) => GetAsync(name, "failing", f => f.Failing())!;

    public Task<(ToolchainFamily Family, string Repo)> PassingAsync(string name) => GetAsync(name, "passing", f => f.Passing())!;

    public async Task<(ToolchainFamily Family, string? Repo)> NoTestsAsync(string name)
    {
        var family = Family(name);
        return family.NoTests is null ? (family, null) : await GetAsync(name, "no-tests", f => f.NoTestsRepository()!);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var repo in _made.Values)
        {
            await repo.DisposeAsync();
        }
    }

    private static ToolchainFamily Family(string name) => ToolchainFamily.All.Single(f => f.Name == name);

    private async Task<(ToolchainFamily Family, string Repo)> GetAsync(string name, string kind, Func<ToolchainFamily, Dictionary<string, string>> files)
    {
        var family = Family(name);
        if (MissingTool(family) is { } missing)
        {
            Assert.Skip($"{name}: {missing} is not available here.");
        }

        if (family.Unavailable?.Invoke() is { } why)
        {
            Assert.Skip($"{name}: cannot run here: {why}.");
        }

        await _gate.WaitAsync();
        try
        {
            var key = name + "/" + kind;
            if (!_made.TryGetValue(key, out var repo))
            {
                repo = await TemporaryGitRepository.CreateAsync();
                await repo.CommitFilesAsync(files(family), $"{name} {kind} fixture");
                _made[key] = repo;
            }

            return (family, repo.Path);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static string? MissingTool(ToolchainFamily family)
    {
        var path = (EnvironmentFor(family) is { } environment && environment.TryGetValue("PATH", out var own) ? own : null) ?? Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var tool in family.Tools)
        {
            if (!path.Split(':').Any(folder => File.Exists(Path.Combine(folder, tool))))
            {
                return tool;
            }
        }

        return family.Name == "pytest" && !Succeeds("/usr/bin/python3", "-m pytest --version") ? "pytest (python3 -m pytest)" : null;
    }

    private static bool Succeeds(string program, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            process.WaitForExit(60_000);
            return process.HasExited && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
