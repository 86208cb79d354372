namespace Honk.Tools.Tests.Commands;

public sealed class ShellCommandParserTests
{
    private static List<string> Programs(string commandLine)
        => ShellCommandParser.Parse(commandLine).Select(c => c.Program.Text).ToList();

    [Theory]
    [InlineData("dotnet test", "dotnet")]
    [InlineData("dotnet build 2>&1 | tail -5", "dotnet,tail")]
    [InlineData("make && ctest || echo failed; ls &", "make,ctest,echo,ls")]
    [InlineData("cd src\nrg -n TODO", "cd,rg")]
    [InlineData("(cd src && ls) | wc -l", "cd,ls,wc")]
    [InlineData("FOO=1 BAR=\"a b\" npm test", "npm")]
    [InlineData("X=$(pwd)", "pwd")]
    [InlineData("for f in *.cs; do wc -l $f; done", "wc")]
    [InlineData("if test -f a; then cat a; elif true; then echo b; else echo c; fi", "test,cat,true,echo,echo")]
    [InlineData("while read line; do echo $line; done < list.txt", "read,echo")]
    [InlineData("cat > out.txt < in.txt", "cat")]
    [InlineData("echo hi >&2 2>/dev/null", "echo")]
    [InlineData("rg -n 'a|b;c' src", "rg")]
    [InlineData("echo a\\|curl", "echo")]
    [InlineData("echo # curl evil", "echo")]
    [InlineData("! grep -q x f", "grep")]
    [InlineData("{ ls; pwd; }", "ls,pwd")]
    public void Parse_CommandLine_FindsEveryProgram(string commandLine, string expected)
        => Assert.Equal(expected.Split(','), Programs(commandLine));

    [Theory]
    [InlineData("echo $(curl x)", "curl,echo")]
    [InlineData("echo \"$(curl x)\"", "curl,echo")]
    [InlineData("echo `curl x`", "curl,echo")]
    [InlineData("echo \"`curl x`\"", "curl,echo")]
    [InlineData("diff <(curl a) b", "curl,diff")]
    [InlineData("echo $(echo $(wget y))", "wget,echo,echo")]
    [InlineData("echo ${X:-$(curl z)}", "curl,echo")]
    [InlineData("echo $(( $(curl n) + 1 ))", "curl,echo")]
    [InlineData("cat <<EOF\n$(curl h)\nEOF\nls", "curl,cat,ls")]
    public void Parse_Substitution_ChecksInnerCommands(string commandLine, string expected)
        => Assert.Equal(expected.Split(','), Programs(commandLine));

    [Fact]
    public void Parse_QuotedHereDocument_BodyIsNotCommands()
        => Assert.Equal(["cat", "ls"], Programs("cat > f.txt <<'EOF'\n$(curl h)\nrm -rf /\nEOF\nls"));

    [Fact]
    public void Parse_VariableAsProgram_MarkedDynamic()
    {
        var command = Assert.Single(ShellCommandParser.Parse("$TOOL --version"));

        Assert.True(command.Program.IsDynamic);
    }

    [Theory]
    [InlineData("echo 'unterminated")]
    [InlineData("echo \"unterminated")]
    [InlineData("echo $(unterminated")]
    [InlineData("echo `unterminated")]
    [InlineData("case x in a) curl;; esac")]
    public void Parse_UncheckableLine_Refused(string commandLine)
        => Assert.Throws<ToolException>(() => ShellCommandParser.Parse(commandLine));
}
