using System.Diagnostics;
using System.Text.Json;

namespace Honk.Server.Tests.Planning;

/// <summary>What the host planning tests share: the planner's script, the started session's script, waiting on a plan.</summary>
internal static class PlanningKit
{
    public const string Question = "Should Total treat a null list of items as an empty cart?";
    public const string Answer = "Yes: a null cart costs 0.";
    public const string Request = "total crashes on null items";

    /// <summary>The draft the scripted planner submits: it parses, and carries the answer.</summary>
    public const string Draft = "---\ntitle: Total handles null items\nallowed_paths: [src/Cart.cs]\n---\nTotal returns 0 when items is null (a null cart costs 0).\n";

    /// <summary>The planner reads the file, asks one question, submits the draft.</summary>
    public static string WritePlannerScript(string folder)
    {
        var path = Path.Combine(folder, "planner.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            turns = new object[]
            {
                new { toolCalls = new[] { new { name = "read_file", arguments = (object)new { path = "src/Cart.cs" } } } },
                new { toolCalls = new[] { new { name = "ask_user", arguments = (object)new { question = Question } } } },
                new { toolCalls = new[] { new { name = "submit_task_file", arguments = (object)new { content = Draft } } } },
                new { text = "Planned." },
            },
        }));
        return path;
    }

    /// <summary>The session started from the plan: one edit, then done.</summary>
    public static string WriteSessionScript(string folder)
    {
        var path = Path.Combine(folder, "session.json");
        File.WriteAllText(path, """
            { "turns": [
              { "toolCalls": [ { "name": "edit_file", "arguments": { "path": "src/Cart.cs", "old_text": "items.Sum", "new_text": "(items ?? []).Sum" } } ] },
              { "text": "Total handles null items." } ] }
            """);
        return path;
    }

    /// <summary>Waits (bounded by minutes, not by a tight clock) until <paramref name="probe"/> finds something.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what)
        where T : class
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            if (watch.Elapsed > TimeSpan.FromMinutes(3))
            {
                throw new TimeoutException($"Still waiting after 3 minutes for {what}.");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
