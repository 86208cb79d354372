using Honk.Scripting;
using Honk.Transcripts;
using static Honk.Tests.Loop.LoopTestKit;

namespace Honk.Tests.Loop;

public sealed class TranscriptIntegrationTests
{
    private const string Script = """
        { "turns": [
          { "text": "Reading the config.", "toolCalls": [ { "name": "read_file", "arguments": { "path": "config.txt" } }, { "name": "read_file", "arguments": [1] } ] },
          { "toolCalls": [ { "name": "write_file", "arguments": { "path": "out.txt", "content": "done" } } ] },
          { "text": "Wrote out.txt." } ] }
        """;

    [Fact]
    public async Task Session_WritesARedactedTranscript_ThatReplaysToTheSameOutcome()
    {
        using var transcripts = new Honk.Testing.TemporaryDirectory();
        await using var workspace = new FolderWorkspace();
        workspace.Write(".env", "DATABASE_PASSWORD=hunter2-very-secret\n");
        workspace.Write("config.txt", "db password is hunter2-very-secret; key sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789");
        workspace.Rebase();
        var options = Options(workspace, ReadTool(), WriteTool());
        options.Transcript = new TranscriptOptions { RootDirectory = transcripts.Path };

        var result = await new AgentSession(ScriptedChatClient.FromJson(Script), new CodingTask("x"), options).RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(SessionStatus.Succeeded, result.Status);
        Assert.NotNull(result.Transcript);
        var text = await File.ReadAllTextAsync(result.Transcript, TestContext.Current.CancellationToken);
        Assert.DoesNotContain("hunter2-very-secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-ant-api03-abcdef", text, StringComparison.Ordinal);
        Assert.Contains("[REDACTED", text, StringComparison.Ordinal);
        var events = await TranscriptReader.ReadAllAsync(result.Transcript, TestContext.Current.CancellationToken);
        Assert.IsType<SessionCompleted>(events[^1]);

        // Replay: the recorded turns, as a script, drive a fresh session to the same outcome.
        var replay = TranscriptReplay.ToScript(events);
        Assert.Equal(3, replay.Turns.Count);
        Assert.Equal(System.Text.Json.JsonValueKind.Array, JsonValueKindOf(replay.Turns[0].ToolCalls[1].Arguments));
        await using var again = new FolderWorkspace();
        again.Write("config.txt", "anything");
        again.Rebase();
        var replayed = await new AgentSession(new ScriptedChatClient(replay), new CodingTask("x"), Options(again, ReadTool(), WriteTool())).RunAsync(TestContext.Current.CancellationToken);
        Assert.Equal(result.Status, replayed.Status);
        Assert.Equal(result.ChangedFiles, replayed.ChangedFiles);
        Assert.Equal(result.Turns, replayed.Turns);
    }

    [Fact]
    public async Task UnwritableTranscript_IsANotice_NotAFailure()
    {
        using var folder = new Honk.Testing.TemporaryDirectory();
        var blocker = Path.Combine(folder.Path, "file");
        await File.WriteAllTextAsync(blocker, "not a folder", TestContext.Current.CancellationToken);
        var options = Options(null);
        options.Transcript = new TranscriptOptions { RootDirectory = blocker };

        var events = await CollectAsync(new AgentSession(ScriptedChatClient.FromJson("""{ "turns": [ { "text": "hi" } ] }"""), new CodingTask("x"), options), TestContext.Current.CancellationToken);

        Assert.Contains(events, e => e is SessionNotice { Level: "warning" } n && n.Message.Contains("transcript", StringComparison.Ordinal));
        Assert.Equal(SessionStatus.NoChanges, ResultOf(events).Status);
        Assert.Null(ResultOf(events).Transcript);
    }

    private static System.Text.Json.JsonValueKind JsonValueKindOf(System.Text.Json.JsonElement element) => element.ValueKind;
}
