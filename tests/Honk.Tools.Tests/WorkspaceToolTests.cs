using System.Text.Json;
using Honk.Tools.Tests.Support;
using Microsoft.Extensions.AI;

namespace Honk.Tools.Tests;

public sealed class WorkspaceToolTests : IDisposable
{
    private readonly Sandbox _box = new();

    public void Dispose() => _box.Dispose();

    [Fact]
    public void Create_Default_ReturnsFixedNamesInOrder()
    {
        var names = BuiltInTools.Create().Select(t => t.Name).ToList();
        Assert.Equal(["read_file", "list_files", "search", "edit_file", "write_file", "apply_patch"], names.Take(6));
    }

    [Theory]
    [InlineData("read_file", true)]
    [InlineData("list_files", true)]
    [InlineData("search", true)]
    [InlineData("edit_file", false)]
    [InlineData("write_file", false)]
    [InlineData("apply_patch", false)]
    public void Tools_ReadOnlyTrait_MatchesWhetherTheyWrite(string name, bool readOnly)
        => Assert.Equal(readOnly, _box.Tool(name).IsReadOnly());

    [Theory]
    [InlineData("read_file", "path", "path,offset,limit")]
    [InlineData("list_files", "", "path,glob")]
    [InlineData("search", "pattern", "pattern,path,glob,ignore_case")]
    [InlineData("edit_file", "path,old_text,new_text", "path,old_text,new_text,replace_all")]
    [InlineData("write_file", "path,content", "path,content")]
    [InlineData("apply_patch", "patch", "patch")]
    public void JsonSchema_FixedArguments_AreDeclaredPrecisely(string name, string required, string all)
    {
        var schema = _box.Tool(name).JsonSchema;
        Assert.Equal("object", schema.GetProperty("type").GetString());
        Assert.False(schema.GetProperty("additionalProperties").GetBoolean());
        var properties = schema.GetProperty("properties").EnumerateObject().ToList();
        Assert.Equal(all.Split(','), properties.Select(p => p.Name));
        Assert.All(properties, p => Assert.False(string.IsNullOrWhiteSpace(p.Value.GetProperty("description").GetString())));
        var requiredNames = schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(required.Length == 0 ? [] : required.Split(','), requiredNames);
    }

    [Fact]
    public void Create_InvalidOptions_Throws()
        => Assert.Throws<ArgumentOutOfRangeException>(() => BuiltInTools.Create(new BuiltInToolsOptions { MaxReadLines = 0 }));

    [Fact]
    public async Task Invoke_UnknownArgument_IsRefusedWithTheKnownOnes()
    {
        var error = await _box.FailsAsync("read_file", new { path = "a", file = "b" });
        Assert.Equal("read_file does not take the argument(s) 'file'; its arguments are: path, offset, limit.", error.Message);
    }

    [Fact]
    public async Task Invoke_MissingRequiredArgument_SaysWhichOne()
    {
        var error = await _box.FailsAsync("write_file", new { path = "a" });
        Assert.StartsWith("write_file needs the argument 'content'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_WithoutToolContext_Throws()
    {
        var args = new AIFunctionArguments(new Dictionary<string, object?> { ["path"] = "a" });
        await Assert.ThrowsAsync<InvalidOperationException>(() => _box.Tool("read_file").InvokeAsync(args, TestContext.Current.CancellationToken).AsTask());
    }

    [Fact]
    public async Task Invoke_JsonElementArguments_AreAccepted()
    {
        _box.Write("a.txt", "1\n2\n3\n");
        using var json = JsonDocument.Parse("""{"path":"a.txt","offset":2,"limit":"1"}""");
        var arguments = json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());
        var result = await _box.InvokeAsync("read_file", arguments);
        Assert.StartsWith("   2\t2\n", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_WrongArgumentType_ExplainsExpectedType()
    {
        using var json = JsonDocument.Parse("""{"path":"a.txt","offset":"ten"}""");
        var arguments = json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());
        var error = await _box.FailsAsync("read_file", arguments);
        Assert.Equal("read_file: argument 'offset' must be an integer, but got string \"ten\".", error.Message);
    }

    [Fact]
    public async Task Invoke_PathOfWrongType_IsRefused()
    {
        var error = await _box.FailsAsync("read_file", new Dictionary<string, object?> { ["path"] = 42 });
        Assert.Contains("must be a string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_BooleanAsString_IsAccepted()
    {
        _box.Write("a.txt", "x x\n");
        var result = await _box.InvokeAsync("edit_file", new Dictionary<string, object?> { ["path"] = "a.txt", ["old_text"] = "x", ["new_text"] = "y", ["replace_all"] = "true" });
        Assert.Contains("2 occurrences", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_Cancelled_Throws()
    {
        _box.Write("a.txt", "x");
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        var args = new AIFunctionArguments(new Dictionary<string, object?> { ["path"] = "a.txt" }).WithToolContext(_box.Context);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _box.Tool("read_file").InvokeAsync(args, cts.Token).AsTask());
    }

    [Fact]
    public void GetOptionalStringArray_AcceptsJsonArrayAndSingleString()
    {
        using var json = JsonDocument.Parse("""["status","--short"]""");
        var invocation = new ToolInvocation("git", _box.Context, new AIFunctionArguments(new Dictionary<string, object?> { ["args"] = json.RootElement.Clone(), ["one"] = "log" }));
        Assert.Equal(["status", "--short"], invocation.GetOptionalStringArray("args")!);
        Assert.Equal(["log"], invocation.GetOptionalStringArray("one")!);
        Assert.Null(invocation.GetOptionalStringArray("missing"));
    }
}
