// Embeds Honk: a scripted model (stand-in for any IChatClient), the built-in tools plus a custom one, a git workspace.
using System.Diagnostics;
using Honk;
using Honk.Scripting;
using Honk.Tools;
using Honk.Workspaces.Git;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

var repo = Directory.CreateTempSubdirectory("hello-honk-").FullName;
File.WriteAllText(Path.Combine(repo, "greeting.txt"), "Hello, wrld!\n");
foreach (var gitArgs in new[] { "init -q", "add .", "-c user.name=me -c user.email=me@example.com commit -qm init" })
{
    Process.Start(new ProcessStartInfo("git", gitArgs) { WorkingDirectory = repo })!.WaitForExit();
}

var wordCount = AIFunctionFactory.Create((string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length, "count_words", "Counts the words in a text.");
var model = ScriptedChatClient.FromJson("""
    { "turns": [
      { "toolCalls": [ { "name": "read_file", "arguments": { "path": "greeting.txt" } }, { "name": "count_words", "arguments": { "text": "Hello, wrld!" } } ] },
      { "toolCalls": [ { "name": "edit_file", "arguments": { "path": "greeting.txt", "old_text": "wrld", "new_text": "world" } } ] },
      { "text": "Fixed the typo in greeting.txt." } ] }
    """);

var services = new ServiceCollection();
services.AddHonk()
    .WithChatClient(model)
    .WithTools(BuiltInTools.Create())
    .WithTools(wordCount)
    .WithCommandRunnerFactory(new SandboxedCommandRunnerFactory())
    .WithWorkspaceProvider<GitWorkspaceProvider>();
var agent = services.BuildServiceProvider().GetRequiredService<HonkAgent>();

var result = await agent.RunAsync(new CodingTask("greeting.txt says 'Hello, world!'"), repo);
Console.WriteLine($"{result.Status.ToWireName()}: {result.Summary} (changed: {string.Join(", ", result.ChangedFiles)}; {result.Turns} turns)");
return result.IsSuccess ? 0 : 1;
