// A Semantic Kernel app that hands coding work to Honk. Both directions of Honk.SemanticKernel:
//  - the kernel gets a "honk" plugin whose run_coding_task function runs a whole Honk session (workspace, sandbox,
//    the repository's own tests as the gate, delivery to a branch) and answers with the outcome as JSON;
//  - the session's model may call kernel plugins as tools: here the team's ticket tracker (tickets_get_ticket).
// No arguments: it creates its own repository whose test fails, lets a scripted model fix it (the offline stand-in for
// a real one, see docs/models.md), prints the function's answer and ends with the status (exit 0 when "succeeded").
using System.Text.Json;
using Honk;
using Honk.Hosting;
using Honk.SemanticKernel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using SemanticKernelSample;

using var repository = SampleRepository.Create();

// The plugins the coding session may use, on a kernel of their own: the app's kernel below also holds the honk
// plugin, and a session must not be able to start sessions.
var toolKernel = new Kernel();
toolKernel.Plugins.AddFromObject(new TicketsPlugin(), "tickets");

var services = new ServiceCollection();
services.AddHonk(o => o.Model = "script:" + repository.ModelScript)
    .AddHonkDefaults()
    .WithKernelPlugins(toolKernel);
await using var provider = services.BuildServiceProvider();

// The app's kernel: the Honk session is one of its functions, allowed on this one repository only.
var honk = new HonkKernelFunctionOptions
{
    Run = () =>
    {
        var run = new HonkRunOptions();
        run.Delivery.Add("branch");
        run.EventSinks.Add(new ConsoleToolCalls());
        return run;
    },
};
honk.Repositories.Add(repository.Root);
var kernel = new Kernel();
kernel.Plugins.AddFromFunctions("honk", [HonkKernelFunction.Create(provider.GetRequiredService<HonkAgent>(), honk)]);

foreach (var function in kernel.Plugins.GetFunctionsMetadata())
{
    Console.WriteLine($"function  {function.PluginName}.{function.Name}: {function.Description}");
}

// What a kernel's planner or chat model would do when a user says "fix SHOP-7".
var answer = await kernel.InvokeAsync("honk", "run_coding_task", new KernelArguments { ["task"] = "Fix ticket SHOP-7: `make test` fails." });
var outcome = answer.GetValue<string>() ?? throw new InvalidOperationException("The honk function returned nothing.");
Console.WriteLine($"answer    {outcome}");

using var json = JsonDocument.Parse(outcome);
var status = Enum.Parse<SessionStatus>(json.RootElement.GetProperty("status").GetString()!);
Console.WriteLine($"changed   {string.Join(", ", json.RootElement.GetProperty("changedFiles").EnumerateArray().Select(f => f.GetString()))}");
Console.WriteLine($"branch    {json.RootElement.GetProperty("branch").GetString()}");
Console.WriteLine(status.ToWireName());
return status == SessionStatus.Succeeded ? 0 : 1;
