using System.Text.Json;
using Honk.Scripting;

namespace Honk.Tests.Scripting;

public sealed class ModelScriptTests
{
    private const string FullScript = """
        { "turns": [
            { "text": "optional assistant text", "toolCalls": [ { "name": "validate", "arguments": {} } ] },
            { "toolCalls": [ { "name": "apply_patch", "arguments": { "patch": "--- a/x.cs\n+++ b/x.cs\n..." } } ], "usage": { "inputTokens": 10, "outputTokens": 2 }, "delayMs": 5 },
            { "toolCalls": [ { "name": "read_file", "arguments": [ "not", "an", "object" ] } ] },
            { "text": "Fixed the off-by-one in Parse." } ] }
        """;

    [Fact]
    public void Parse_ArchitectureExample_ReadsEveryField()
    {
        var script = ModelScript.Parse(FullScript);

        Assert.Equal(4, script.Turns.Count);
        Assert.Equal("optional assistant text", script.Turns[0].Text);
        Assert.Equal("validate", script.Turns[0].ToolCalls.Single().Name);
        Assert.Equal("--- a/x.cs\n+++ b/x.cs\n...", script.Turns[1].ToolCalls[0].Arguments.GetProperty("patch").GetString());
        Assert.Equal(new ScriptUsage(10, 2), script.Turns[1].Usage);
        Assert.Equal(5, script.Turns[1].DelayMs);
        Assert.Equal(JsonValueKind.Array, script.Turns[2].ToolCalls[0].Arguments.ValueKind);
        Assert.Empty(script.Turns[3].ToolCalls);
    }

    [Fact]
    public void ToJson_ParsedScript_ParsesBackToAnEqualScript()
    {
        var script = ModelScript.Parse(FullScript);

        var again = ModelScript.Parse(script.ToJson());

        Assert.Equal(script, again);
    }

    [Fact]
    public void ToJson_TurnWithoutCallsOrUsage_LeavesThemOut()
    {
        var json = new ModelScript([new ScriptTurn { Text = "done" }]).ToJson();

        using var document = JsonDocument.Parse(json);
        var turn = document.RootElement.GetProperty("turns")[0];
        Assert.Equal(["text"], turn.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Equals_DifferentArguments_NotEqual()
    {
        var a = new ModelScript([new ScriptTurn { ToolCalls = [ScriptToolCall.Parse("read_file", """{"path":"a"}""")] }]);
        var b = new ModelScript([new ScriptTurn { ToolCalls = [ScriptToolCall.Parse("read_file", """{"path":"b"}""")] }]);
        var c = new ModelScript([new ScriptTurn { ToolCalls = [ScriptToolCall.Parse("read_file", """{ "path" : "a" }""")] }]);

        Assert.NotEqual(a, b);
        Assert.Equal(a, c);
    }

    [Fact]
    public void ScriptToolCall_NoArguments_MeansEmptyObject()
    {
        var call = new ScriptToolCall("validate");

        Assert.Equal(JsonValueKind.Object, call.Arguments.ValueKind);
        Assert.Equal(ScriptToolCall.Parse("validate", "{}"), call);
    }

    [Fact]
    public void Parse_MisspelledProperty_FailsWithLineAndPositionAndShape()
    {
        const string json = "{ \"turns\": [\n  { \"text\": \"hi\",\n    \"toolcalls\": [] } ] }";

        var ex = Assert.Throws<ScriptFormatException>(() => ModelScript.Parse(json));

        Assert.Contains("toolcalls", ex.Message, StringComparison.Ordinal);
        Assert.Contains("\"toolCalls\"", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, ex.Line);
        Assert.NotNull(ex.Position);
        Assert.StartsWith("script(3,", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"turns\": [ { \"text\": \"a\" } ")]
    [InlineData("not json")]
    [InlineData("")]
    public void Parse_InvalidJson_FailsWithPosition(string json)
    {
        var ex = Assert.Throws<ScriptFormatException>(() => ModelScript.Parse(json));

        Assert.NotNull(ex.Line);
        Assert.Contains(ScriptFormatException.ExpectedShape, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}", "turns")]
    [InlineData("{ \"turns\": null }", "turns")]
    [InlineData("{ \"turns\": {} }", "turns")]
    [InlineData("{ \"turns\": [ { \"text\": 5 } ] }", "text")]
    [InlineData("{ \"turns\": [ { \"toolCalls\": [ { \"arguments\": {} } ] } ] }", "toolCalls")]
    [InlineData("{ \"turns\": [ { \"toolCalls\": [ { \"name\": \"\" } ] } ] }", "toolCalls[0]")]
    [InlineData("{ \"turns\": [ { \"usage\": { \"inputTokens\": 1 } } ] }", "usage")]
    [InlineData("{ \"turns\": [ { \"delayMs\": -1 } ] }", "delayMs")]
    [InlineData("{ \"turns\": [ null ] }", "turns[0]")]
    [InlineData("{ \"turns\": [ { \"toolCalls\": null } ] }", "toolCalls")]
    [InlineData("{ \"turns\": [ { \"usage\": null, \"text\": \"a\", \"extra\": 1 } ] }", "extra")]
    public void Parse_WrongShape_FailsNamingThePlace(string json, string where)
    {
        var ex = Assert.Throws<ScriptFormatException>(() => ModelScript.Parse(json));

        Assert.Contains(where, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_FailsWithScriptFormatException()
    {
        var path = Path.Combine(Path.GetTempPath(), $"honk-missing-{Guid.NewGuid():N}.json");

        var ex = Assert.Throws<ScriptFormatException>(() => ScriptedChatClient.FromFile(path));

        Assert.Equal(path, ex.ScriptPath);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileWithError_NamesFileLineAndPosition()
    {
        var path = Path.Combine(Path.GetTempPath(), $"honk-script-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{ \"turns\": [\n { \"txt\": \"a\" } ] }");
        try
        {
            var ex = Assert.Throws<ScriptFormatException>(() => ModelScript.Load(path));

            Assert.StartsWith($"{path}(2,", ex.Message, StringComparison.Ordinal);
            Assert.Contains("'txt'", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Parse_CommentsAndTrailingCommas_Accepted()
    {
        var script = ModelScript.Parse("""
            // a hand-written script
            { "turns": [ { "text": "a", }, ], }
            """);

        Assert.Equal("a", script.Turns.Single().Text);
    }
}
