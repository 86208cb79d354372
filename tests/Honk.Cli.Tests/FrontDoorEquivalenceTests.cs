using Honk.Testing;
using Honk.Transcripts;
using Microsoft.Extensions.DependencyInjection;

namespace Honk.Cli.Tests;

/// <summary>
/// `honk run` and an app's <c>AddHonk().AddHonkDefaults()</c> are one composition: for the same task, repository and
/// scripted model they send the same prompt (digest), run the same validators and guards, price the same way and end
/// with the same verdicts and status.
/// </summary>
public sealed class FrontDoorEquivalenceTests : IAsyncLifetime
{
    private const string Script = """
        { "turns": [
          { "toolCalls": [ { "name": "read_file", "arguments": { "path": "shout.sh" } } ], "usage": { "inputTokens": 1000, "outputTokens": 100 } },
          { "toolCalls": [ { "name": "edit_file", "arguments": { "path": "shout.sh", "old_text": "tr a-z A-Z", "new_text": "tr a-z A-Z | sed 's/$/!/'" } } ], "usage": { "inputTokens": 2000, "outputTokens": 100 } },
          { "text": "shout.sh now ends with '!'.", "usage": { "inputTokens": 3000, "outputTokens": 50 } } ] }
        """;

    private const string Task = "make test fails: shout.sh must end shouted words with '!'.";

    private readonly TemporaryDirectory _folder = new();
    private TemporaryGitRepository _repo = null!;

    public async ValueTask InitializeAsync()
    {
        _repo = await TemporaryGitRepository.CreateAsync(cancellationToken: TestContext.Current.CancellationToken);
        await _repo.CommitFilesAsync(
            new Dictionary<string, string>
            {
                ["shout.sh"] = "#!/bin/sh\necho \"$1\" | tr a-z A-Z\n",
                ["test.sh"] = "#!/bin/sh\n[ \"$(sh ./shout.sh hi)\" = \"HI!\" ] || { echo \"FAIL shout: got $(sh ./shout.sh hi)\"; exit 1; }\n",
                ["Makefile"] = "all:\n\t@true\n\ntest:\n\t@sh ./test.sh\n",
            },
            "shout with a failing test",
            TestContext.Current.CancellationToken);
        _folder.WriteFile("fix.json", Script);

        // A price for the script, so cost is compared as a number rather than as two zeros.
        _folder.WriteFile("honk.json", """{ "prices": { "script:fix.json": { "input": 3, "output": 15 } } }""");
    }

    public async ValueTask DisposeAsync()
    {
        await _repo.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task HonkRun_AndAddHonkDefaults_SendTheSamePrompt_AndReachTheSameVerdicts()
    {
        var cli = await HonkProcess.RunAsync(_folder.Path, null, "run", "--repo", _repo.Path, "--task", Task, "--model", "script:fix.json", "--deliver", "none", "--json");
        Assert.True(cli.ExitCode == 0, cli.ToString());
        var json = cli.Json();
        var cliEvents = await TranscriptReader.ReadAllAsync(json.GetProperty("transcript").GetString()!, TestContext.Current.CancellationToken);

        var services = new ServiceCollection();
        services.AddHonk(o =>
            {
                o.ModelChosenPerSession = true;
                o.PriceOverrides["script:fix.json"] = new Models.ModelPriceSetting { Input = 3, Output = 15 };
            }).AddHonkDefaults();
        await using var provider = services.BuildServiceProvider();
        var run = new HonkRunOptions { ModelSpec = Models.ModelSpec.Parse($"script:{Path.Combine(_folder.Path, "fix.json")}") };
        var embedded = new List<AgentEvent>();
        await foreach (var e in provider.GetRequiredService<HonkAgent>().RunStreamingAsync(new CodingTask(Task), _repo.Path, run, TestContext.Current.CancellationToken))
        {
            embedded.Add(e);
        }

        var result = Assert.IsType<SessionCompleted>(embedded[^1]).Result;
        Assert.Equal("succeeded", json.GetProperty("status").GetString());
        Assert.Equal(SessionStatus.Succeeded, result.Status);
        var cliStart = cliEvents.OfType<SessionStarted>().Single();
        var start = embedded.OfType<SessionStarted>().Single();
        Assert.NotNull(start.PromptDigest);
        Assert.Equal(cliStart.PromptDigest, start.PromptDigest);
        Assert.Equal(cliStart.PromptVersion, start.PromptVersion);
        Assert.Equal(Verdicts(cliEvents), Verdicts(embedded));
        Assert.Contains("test-integrity-guard: approved", Verdicts(embedded));
        Assert.Equal(Validators(cliEvents), Validators(embedded));
        Assert.Contains("make: passed", Validators(embedded));
        var cliCost = json.GetProperty("usage").GetProperty("costUsd").GetDecimal();
        Assert.True(cliCost > 0, "the price applies");
        Assert.Equal(cliCost, result.Usage.CostUsd);
    }

    private static List<string> Verdicts(IEnumerable<AgentEvent> events)
        => [.. events.OfType<VerdictReached>().Select(v => $"{v.Judge}: {(v.Verdict.Approved ? "approved" : "vetoed")}")];

    private static List<string> Validators(IEnumerable<AgentEvent> events)
        => [.. events.OfType<ValidationCompleted>().SelectMany(v => v.Reports).Select(r => $"{r.Name}: {(r.Passed ? "passed" : "failed")}")];
}
