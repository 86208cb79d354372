using Honk.Tools.Tests.Support;

namespace Honk.Tools.Tests.Search;

/// <summary>
/// ripgrep runs outside the sandbox, and <c>--pre=PROGRAM</c> makes it run a program on every file: a pattern, glob or
/// path that looks like an option must stay what the model meant it to be.
/// </summary>
[Trait("Category", "Security")]
public sealed class SearchOptionInjectionTests
{
    [Theory]
    [InlineData("pattern")]
    [InlineData("glob")]
    [InlineData("path")]
    public async Task Search_AnOptionInAnyArgument_RunsNoProgram(string argument)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && (File.Exists("/usr/bin/rg") || File.Exists("/usr/local/bin/rg")), "needs ripgrep on Linux");
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var box = new Sandbox(new BuiltInToolsOptions { UseRipgrep = true }, git: true);
        box.Write("src/a.cs", "class A {}\n");
        var marker = Path.Combine(box.Outside, "pre-ran");
        var program = Path.Combine(box.Outside, "pre.sh");
        File.WriteAllText(program, $"#!/bin/sh\ntouch '{marker}'\ncat \"$1\"\n");
        File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var option = "--pre=" + program;
        object args = argument switch
        {
            "pattern" => new { pattern = option },
            "glob" => new { pattern = "class", glob = option },
            _ => new { pattern = "class", path = option },
        };

        try
        {
            await box.InvokeAsync("search", args);
        }
        catch (ToolException)
        {
            // A refusal is as good as a literal search; running the program is not.
        }

        Assert.False(File.Exists(marker), "ripgrep ran a program named in the model's arguments");
    }
}
