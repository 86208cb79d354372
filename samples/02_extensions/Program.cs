// An "upgrade bot" built on Honk's packages: a custom tool, a custom validator and a custom delivery channel take part
// in a session composed exactly like `honk run` (AddHonkDefaults). No arguments: it creates its own repository whose
// test fails, lets a scripted model fix it, and ends with the status (exit 0 when it is "succeeded").
using Extensions;
using Honk;
using Honk.Hosting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

using var repository = SampleRepository.Create();
var notes = Path.GetFullPath(Path.Combine(repository.Root, "..", "notes"));

// The team's own tool: the model asks it for the house rules.
var styleGuide = AIFunctionFactory.Create(
    (string topic) => topic.Contains("shout", StringComparison.OrdinalIgnoreCase)
        ? "Shouted words are upper case and end with exactly one '!'."
        : "No rule for that topic.",
    "style_guide",
    "Looks up the team's style guide for a topic.");

var services = new ServiceCollection();
services.AddHonk(o => o.Model = "script:" + repository.ModelScript)
    .AddHonkDefaults()
    .WithTools(styleGuide)
    .WithValidator(new NoTodoValidator())
    .WithDelivery(new ReleaseNoteChannel(notes));
await using var provider = services.BuildServiceProvider();
var agent = provider.GetRequiredService<HonkAgent>();

var task = new CodingTask("`make test` fails: shout.sh must follow the style guide for shouted words.");
var run = new HonkRunOptions();
run.Delivery.Add("branch");
SessionResult? result = null;
await foreach (var e in agent.RunStreamingAsync(task, repository.Root, run))
{
    switch (e)
    {
        case ToolCallStarted call:
            Console.WriteLine($"tool      {call.Call.Name} {call.Call.ArgumentsJson}");
            break;
        case ValidationCompleted validation:
            foreach (var report in validation.Reports)
            {
                Console.WriteLine($"validator {report.Name}: {(report.Passed ? "passed" : "failed")} ({report.Summary})");
            }

            break;
        case VerdictReached verdict:
            Console.WriteLine($"review    {verdict.Judge}: {(verdict.Verdict.Approved ? "approved" : "vetoed")}");
            break;
        case DeliveryCompleted delivery:
            Console.WriteLine($"delivery  {delivery.Result.Channel}: {delivery.Result.Message}");
            break;
        case SessionCompleted completed:
            result = completed.Result;
            break;
    }
}

Console.WriteLine($"changed   {string.Join(", ", result!.ChangedFiles)}");
Console.WriteLine($"branch    {result.Branch}");
Console.WriteLine($"summary   {result.Summary}");
Console.WriteLine(result.Status.ToWireName());
return result.Status == SessionStatus.Succeeded ? 0 : 1;
