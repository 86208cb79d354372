using System.Text.Json;
using static Honk.Tests.Loop.LoopTestKit;

namespace Honk.Tests.Loop;

public sealed class MalformedCallTests
{
    private static async Task<(SessionResult Result, List<ToolCallCompleted> Tools, global::Honk.Scripting.ScriptedChatClient Model)> RunOneCallAsync(string toolCallJson)
    {
        await using var workspace = new FolderWorkspace();
        workspace.Write("a.txt", "hello");
        workspace.Rebase();
        var model = Script($$"""{ "turns": [ { "toolCalls": [ {{toolCallJson}} ] }, { "text": "giving up" } ] }""");
        var session = new AgentSession(model, new CodingTask("do it"), Options(workspace, WriteTool(), ReadTool(), CountTool()));
        var events = await CollectAsync(session, TestContext.Current.CancellationToken);
        return (ResultOf(events), ToolResults(events), model);
    }

    [Fact]
    public async Task UnknownTool_ReturnsErrorResultListingTools_AndLoopContinues()
    {
        var (result, tools, model) = await RunOneCallAsync("""{ "name": "delete_everything", "arguments": {} }""");

        var error = Assert.Single(tools);
        Assert.True(error.IsError);
        Assert.Contains("Unknown tool 'delete_everything'", error.Result, StringComparison.Ordinal);
        Assert.Contains("read_file", error.Result, StringComparison.Ordinal);
        Assert.Equal(2, model.TurnsConsumed);
        Assert.Equal(SessionStatus.NoChanges, result.Status);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("\"path=a.txt\"")]
    [InlineData("42")]
    public async Task ArgumentsNotAnObject_ReturnsErrorResult(string arguments)
    {
        var (result, tools, _) = await RunOneCallAsync($$"""{ "name": "read_file", "arguments": {{arguments}} }""");

        var error = Assert.Single(tools);
        Assert.True(error.IsError);
        Assert.Contains("not a valid JSON object", error.Result, StringComparison.Ordinal);
        Assert.Contains("read_file(path: string)", error.Result, StringComparison.Ordinal);
        Assert.Equal(SessionStatus.NoChanges, result.Status);
    }

    [Fact]
    public async Task MissingRequiredArgument_NamesIt()
    {
        var (_, tools, _) = await RunOneCallAsync("""{ "name": "write_file", "arguments": { "path": "b.txt" } }""");

        var error = Assert.Single(tools);
        Assert.True(error.IsError);
        Assert.Contains("missing required argument 'content' (string)", error.Result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtraArgument_NamesIt_AndToolDoesNotRun()
    {
        var (result, tools, _) = await RunOneCallAsync("""{ "name": "write_file", "arguments": { "path": "b.txt", "content": "x", "mode": "0777" } }""");

        var error = Assert.Single(tools);
        Assert.True(error.IsError);
        Assert.Contains("unknown argument 'mode'", error.Result, StringComparison.Ordinal);
        Assert.Empty(result.ChangedFiles);
    }

    [Theory]
    [InlineData("\"five\"", "must be integer, got string \"five\"")]
    [InlineData("2.5", "must be integer, got number 2.5")]
    [InlineData("true", "must be integer, got boolean true")]
    [InlineData("{ \"n\": 1 }", "must be integer, got object")]
    public async Task WronglyTypedArgument_SaysWhatWasExpected(string value, string expected)
    {
        var (_, tools, _) = await RunOneCallAsync($$"""{ "name": "lines", "arguments": { "count": {{value}} } }""");

        var error = Assert.Single(tools);
        Assert.True(error.IsError);
        Assert.Contains(expected, error.Result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HugeArguments_AreRefusedBeforeTheToolRuns()
    {
        var huge = new string('x', 2 * 1024 * 1024);
        var (result, tools, _) = await RunOneCallAsync($$"""{ "name": "write_file", "arguments": { "path": "big.txt", "content": "{{huge}}" } }""");

        var error = Assert.Single(tools);
        Assert.True(error.IsError);
        Assert.Contains("over the limit", error.Result, StringComparison.Ordinal);
        Assert.Empty(result.ChangedFiles);
    }

    [Fact]
    public async Task ToolException_BecomesItsMessage()
    {
        var (_, tools, _) = await RunOneCallAsync("""{ "name": "read_file", "arguments": { "path": "missing.txt" } }""");

        var error = Assert.Single(tools);
        Assert.True(error.IsError);
        Assert.Equal("File 'missing.txt' does not exist.", error.Result);
    }

    [Fact]
    public async Task ToolThatCrashes_BecomesAnErrorResult_NotAnException()
    {
        await using var workspace = new FolderWorkspace();
        var crashing = Microsoft.Extensions.AI.AIFunctionFactory.Create(string () => throw new InvalidOperationException("boom"), "crash");
        var model = Script("""{ "turns": [ { "toolCalls": [ { "name": "crash", "arguments": {} } ] }, { "text": "ok" } ] }""");

        var events = await CollectAsync(new AgentSession(model, new CodingTask("x"), Options(workspace, crashing)), TestContext.Current.CancellationToken);

        var error = Assert.Single(ToolResults(events));
        Assert.True(error.IsError);
        Assert.Equal("Tool 'crash' failed: InvalidOperationException: boom", error.Result);
        Assert.Equal(SessionStatus.NoChanges, ResultOf(events).Status);
    }

    [Fact]
    public async Task ValidCall_AfterMalformedOnes_Works()
    {
        await using var workspace = new FolderWorkspace();
        var model = Script("""
            { "turns": [
              { "toolCalls": [ { "name": "write_file", "arguments": "oops" }, { "name": "nope", "arguments": {} } ] },
              { "toolCalls": [ { "name": "write_file", "arguments": { "path": "fixed.txt", "content": "ok" } } ] },
              { "text": "done" } ] }
            """);

        var events = await CollectAsync(new AgentSession(model, new CodingTask("x"), Options(workspace, WriteTool())), TestContext.Current.CancellationToken);

        var results = ToolResults(events);
        Assert.Equal([true, true, false], results.Select(r => r.IsError));
        var result = ResultOf(events);
        Assert.Equal(SessionStatus.Succeeded, result.Status);
        Assert.Equal(["fixed.txt"], result.ChangedFiles);
    }

    [Fact]
    public async Task ErrorResults_ReachTheModel_InTheNextRequest()
    {
        var (_, _, model) = await RunOneCallAsync("""{ "name": "lines", "arguments": { "count": "x" } }""");

        var second = model.Requests[1];
        var text = JsonSerializer.Serialize(second.Messages.SelectMany(m => m.Contents).OfType<Microsoft.Extensions.AI.FunctionResultContent>().Select(r => r.Result?.ToString()));
        Assert.Contains("must be integer", text, StringComparison.Ordinal);
    }
}
